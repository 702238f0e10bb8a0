using System.Data.Common;
using BwpOrders.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace BwpOrders.Storage.Sqlite;

/// <summary>
/// One SQLite file. WAL with synchronous=FULL makes every acknowledged commit survive a crash; write
/// transactions are BEGIN IMMEDIATE, so writers queue on the file lock instead of failing mid-way.
/// </summary>
public sealed class SqliteDatabase : RelationalDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public override string Engine => "sqlite";

    protected override IReadOnlyList<string> Migrations { get; } = SchemaMigrations.For(SqlDialect.Sqlite);

    protected override string MigrationsTableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // synchronous is per connection: FULL makes every commit durable before we acknowledge it.
        await Sql.Exec(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", ct);
        return connection;
    }

    /// <summary>WAL is a property of the file: set once, before the first migration.</summary>
    protected override Task PrepareAsync(DbConnection connection, CancellationToken ct) =>
        Sql.Exec(connection, null, "PRAGMA journal_mode=WAL;", ct);

    // SQLITE_CONSTRAINT (19): a unique or primary key index refused the row.
    public override bool IsUniqueViolation(Exception e) => e is SqliteException { SqliteErrorCode: 19 };

    // Busy and locked are already waited out by busy_timeout; nothing else is worth repeating.
    public override bool IsTransient(Exception e) => false;
}
