namespace BwpOrders.Storage.Relational;

/// <summary>
/// What differs between engines: column types, and how order documents are compressed (PostgreSQL compresses
/// large values itself; SQLite stores them as they are, so there is nothing to choose).
/// </summary>
public sealed record SqlDialect(string BigInt, string Identity, string Blob, string CompressDocuments)
{
    public static readonly SqlDialect Sqlite = new("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", "SELECT 1;");

    // LZ4 instead of the default pglz for the order documents: a busy order's document reaches hundreds of KB and is
    // rewritten on every change, under the order's row lock, and pglz compression was a large part of that
    // (bench/README.md, contention). A server built without LZ4, or older than 14, keeps pglz.
    public static readonly SqlDialect Postgres = new("BIGINT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA", """
        DO $$
        BEGIN
            EXECUTE 'ALTER TABLE orders ALTER COLUMN document SET COMPRESSION lz4';
        EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
            RAISE NOTICE 'order documents keep the default compression: %', SQLERRM;
        END $$;
        """);
}

/// <summary>Ordered schema migrations for every engine. Append only: a released step is never edited.</summary>
internal static class SchemaMigrations
{
    public static string[] For(SqlDialect d) =>
    [
        $"""
        CREATE TABLE orders (
            target_id  TEXT NOT NULL,
            order_id   TEXT NOT NULL,
            version    {d.BigInt} NOT NULL,
            document   TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (target_id, order_id)
        );
        CREATE TABLE order_aliases (
            target_id  TEXT NOT NULL,
            alias_type TEXT NOT NULL,
            alias_id   TEXT NOT NULL,
            order_id   TEXT NOT NULL,
            PRIMARY KEY (target_id, alias_type, alias_id)
        );
        CREATE INDEX order_aliases_by_alias_id ON order_aliases (target_id, alias_id);
        CREATE INDEX order_aliases_by_order ON order_aliases (target_id, order_id);
        CREATE TABLE outbox (
            sequence      {d.Identity},
            target_id     TEXT NOT NULL,
            order_id      TEXT NOT NULL,
            order_version {d.BigInt} NOT NULL,
            event_type    TEXT NOT NULL,
            resource      TEXT NOT NULL,
            occurred_at   TEXT NOT NULL
        );
        CREATE INDEX outbox_by_order ON outbox (target_id, order_id);
        """,
        $"""
        CREATE TABLE credentials (
            client_id   TEXT PRIMARY KEY,
            target_id   TEXT NOT NULL,
            scopes      TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            revoked_at  TEXT
        );
        CREATE TABLE signing_keys (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            key        {d.Blob} NOT NULL,
            created_at TEXT NOT NULL
        );
        """,
        $"""
        CREATE TABLE scheduled_actions (
            id         {d.Identity},
            target_id  TEXT NOT NULL,
            order_id   TEXT NOT NULL,
            due_at_ms  {d.BigInt} NOT NULL,
            kind       TEXT NOT NULL,
            subject    TEXT NOT NULL
        );
        CREATE INDEX scheduled_actions_by_due ON scheduled_actions (due_at_ms);
        CREATE TABLE target_clocks (
            target_id  TEXT PRIMARY KEY,
            offset_ms  {d.BigInt} NOT NULL
        );
        CREATE TABLE package_trackers (
            target_id       TEXT NOT NULL,
            carrier_code    TEXT NOT NULL,
            tracking_number TEXT NOT NULL,
            order_id        TEXT NOT NULL,
            PRIMARY KEY (target_id, carrier_code, tracking_number)
        );
        CREATE TABLE order_returns (
            target_id  TEXT NOT NULL,
            return_id  TEXT NOT NULL,
            order_id   TEXT NOT NULL,
            PRIMARY KEY (target_id, return_id)
        );
        CREATE TABLE catalog_items (
            target_id   TEXT NOT NULL,
            sku         TEXT NOT NULL,
            returnable  INTEGER NOT NULL,
            PRIMARY KEY (target_id, sku)
        );
        CREATE TABLE order_changes (
            target_id   TEXT NOT NULL,
            order_id    TEXT NOT NULL,
            version     {d.BigInt} NOT NULL,
            occurred_at TEXT NOT NULL,
            operation   TEXT NOT NULL,
            PRIMARY KEY (target_id, order_id, version)
        );
        """,
        $"""
        ALTER TABLE outbox ADD COLUMN snapshot TEXT;
        ALTER TABLE outbox ADD COLUMN dispatched INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX outbox_undispatched ON outbox (sequence) WHERE dispatched = 0;
        CREATE TABLE event_subscriptions (
            subscription_id  TEXT PRIMARY KEY,
            target_id        TEXT NOT NULL,
            event_type       TEXT NOT NULL,
            canonical_type   TEXT NOT NULL,
            api_version      TEXT NOT NULL,
            destination_key  TEXT NOT NULL,
            destination_name TEXT,
            destination      {d.Blob} NOT NULL,
            created_at       TEXT NOT NULL
        );
        CREATE UNIQUE INDEX event_subscriptions_unique ON event_subscriptions (target_id, event_type, destination_key);
        CREATE UNIQUE INDEX event_subscriptions_destination_name ON event_subscriptions (destination_name);
        CREATE INDEX event_subscriptions_by_type ON event_subscriptions (target_id, canonical_type);
        CREATE TABLE auth_profiles (
            target_id       TEXT NOT NULL,
            auth_profile_id TEXT NOT NULL,
            alias_id        TEXT,
            config          {d.Blob} NOT NULL,
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL,
            PRIMARY KEY (target_id, auth_profile_id)
        );
        CREATE TABLE deliveries (
            delivery_id     {d.Identity},
            target_id       TEXT NOT NULL,
            subscription_id TEXT NOT NULL,
            order_id        TEXT NOT NULL,
            sequence        {d.BigInt} NOT NULL,
            event_type      TEXT NOT NULL,
            event_id        TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            payload         TEXT NOT NULL,
            state           TEXT NOT NULL,
            attempts        INTEGER NOT NULL,
            next_attempt_ms {d.BigInt} NOT NULL,
            lease_owner     TEXT,
            lease_until_ms  {d.BigInt},
            last_status     INTEGER,
            last_error      TEXT,
            created_at      TEXT NOT NULL,
            delivered_at    TEXT
        );
        CREATE INDEX deliveries_due ON deliveries (next_attempt_ms) WHERE state = 'PENDING';
        CREATE INDEX deliveries_by_target ON deliveries (target_id, delivery_id);
        CREATE INDEX deliveries_by_subscription ON deliveries (subscription_id, state);
        CREATE INDEX deliveries_by_order ON deliveries (target_id, order_id);
        CREATE TABLE delivery_attempts (
            delivery_id {d.BigInt} NOT NULL,
            number      INTEGER NOT NULL,
            at          TEXT NOT NULL,
            status_code INTEGER,
            latency_ms  {d.BigInt} NOT NULL,
            error       TEXT,
            PRIMARY KEY (delivery_id, number)
        );
        CREATE TABLE webhook_keys (
            kid         TEXT PRIMARY KEY,
            private_key {d.Blob} NOT NULL,
            created_at  TEXT NOT NULL,
            retired_at  TEXT
        );
        CREATE TABLE secret_keys (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            key        {d.Blob} NOT NULL,
            created_at TEXT NOT NULL
        );
        """,
        d.CompressDocuments,
        // The token signing key sealed with Secrets:Key when one is configured (a row written before stays 0 until then).
        "ALTER TABLE signing_keys ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;",
        // Saved states of targets, for tests (control API snapshots): every row of the target's tables, as stored.
        """
        CREATE TABLE target_snapshots (
            target_id   TEXT NOT NULL,
            snapshot_id TEXT NOT NULL,
            name        TEXT,
            created_at  TEXT NOT NULL,
            content     TEXT NOT NULL,
            PRIMARY KEY (target_id, snapshot_id)
        );
        """,
        // The checkout half: each target's catalog products (found by any of their identifiers, each unique in the
        // target) and the delivery previews BwP issued, which createOrder checks Prime lines against.
        $"""
        CREATE TABLE catalog_products (
            target_id   TEXT NOT NULL,
            product_id  TEXT NOT NULL,
            sku         TEXT,
            external_id TEXT,
            amazon_sku  TEXT,
            version     INTEGER NOT NULL,
            document    TEXT NOT NULL,
            PRIMARY KEY (target_id, product_id)
        );
        CREATE UNIQUE INDEX catalog_products_by_sku ON catalog_products (target_id, sku);
        CREATE UNIQUE INDEX catalog_products_by_external_id ON catalog_products (target_id, external_id);
        CREATE UNIQUE INDEX catalog_products_by_amazon_sku ON catalog_products (target_id, amazon_sku);
        CREATE TABLE delivery_previews (
            target_id     TEXT NOT NULL,
            preview_id    TEXT NOT NULL,
            expires_at_ms {d.BigInt} NOT NULL,
            document      TEXT NOT NULL,
            PRIMARY KEY (target_id, preview_id)
        );
        CREATE INDEX delivery_previews_by_expiry ON delivery_previews (target_id, expires_at_ms);
        """,
        // Listings (control API): what orders and returns are searched by, in columns beside the documents, each filter
        // with an index that also gives the newest-first order, so a page is read without a scan or a sort. Rows stored
        // before this step get their values from their documents (OrderSearchColumns.FillAsync), found by the last index.
        """
        ALTER TABLE orders ADD COLUMN execution_state TEXT;
        ALTER TABLE orders ADD COLUMN package_state TEXT;
        CREATE INDEX orders_newest ON orders (target_id, created_at, order_id);
        CREATE INDEX orders_by_execution_state ON orders (target_id, execution_state, created_at, order_id);
        CREATE INDEX orders_by_package_state ON orders (target_id, package_state, created_at, order_id);
        CREATE INDEX orders_search_unfilled ON orders (target_id) WHERE execution_state IS NULL;
        ALTER TABLE order_returns ADD COLUMN state TEXT;
        ALTER TABLE order_returns ADD COLUMN started_through_bwp INTEGER;
        ALTER TABLE order_returns ADD COLUMN created_at TEXT;
        CREATE INDEX order_returns_newest ON order_returns (target_id, created_at, return_id);
        CREATE INDEX order_returns_by_state ON order_returns (target_id, state, created_at, return_id);
        CREATE INDEX order_returns_by_order ON order_returns (target_id, order_id, created_at, return_id);
        """,
    ];
}
