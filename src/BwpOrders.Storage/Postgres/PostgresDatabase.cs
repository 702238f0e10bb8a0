using System.Data.Common;
using BwpOrders.Storage.Relational;
using Npgsql;

namespace BwpOrders.Storage.Postgres;

/// <summary>
/// A PostgreSQL database shared by any number of server processes: pooled connections, migrations under an
/// advisory lock (safe when several processes start at once), and retries for transient failures.
/// </summary>
public sealed class PostgresDatabase(string connectionString) : RelationalDatabase, IAsyncDisposable
{
    // Any fixed number: every BwpOrders process takes this advisory lock while migrating.
    private const long MigrationLockKey = 7_216_001_2024;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Engine => "postgres";

    protected override IReadOnlyList<string> Migrations { get; } = SchemaMigrations.For(SqlDialect.Postgres);

    protected override string MigrationsTableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";

    public override string RowLockClause => " FOR UPDATE";

    public override string SkipLockedClause => " FOR UPDATE SKIP LOCKED";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    protected override Task LockMigrationsAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        Sql.Exec(connection, tx, "SELECT pg_advisory_xact_lock(@key)", ct, ("@key", MigrationLockKey));

    public override bool IsUniqueViolation(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsTransient(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    // When one connection was dropped (server restart, failover), the idle ones in the pool likely were too.
    protected override void OnTransientFailure() => _dataSource.Clear();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
