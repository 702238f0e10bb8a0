namespace BwpOrders.Storage.Postgres;

/// <summary>Ordered schema migrations, step for step the same schema as SQLite's. Append only.</summary>
internal static class PostgresMigrations
{
    public static readonly string[] Steps =
    [
        """
        CREATE TABLE orders (
            target_id  TEXT   NOT NULL,
            order_id   TEXT   NOT NULL,
            version    BIGINT NOT NULL,
            document   TEXT   NOT NULL,
            created_at TEXT   NOT NULL,
            updated_at TEXT   NOT NULL,
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
            sequence      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            target_id     TEXT   NOT NULL,
            order_id      TEXT   NOT NULL,
            order_version BIGINT NOT NULL,
            event_type    TEXT   NOT NULL,
            resource      TEXT   NOT NULL,
            occurred_at   TEXT   NOT NULL
        );
        CREATE INDEX outbox_by_order ON outbox (target_id, order_id);
        """,
        """
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
            key        BYTEA NOT NULL,
            created_at TEXT  NOT NULL
        );
        """,
    ];
}
