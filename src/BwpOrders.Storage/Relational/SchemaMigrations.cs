namespace BwpOrders.Storage.Relational;

/// <summary>Column types that differ between engines; everything else in the schema is shared.</summary>
public sealed record SqlDialect(string BigInt, string Identity, string Blob)
{
    public static readonly SqlDialect Sqlite = new("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB");
    public static readonly SqlDialect Postgres = new("BIGINT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA");
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
    ];
}
