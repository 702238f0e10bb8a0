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

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(Tuned(connectionString));

    /// <summary>
    /// Defaults for a server that sends the same few statements all day, unless the connection string says otherwise:
    /// statements used twice are prepared (PostgreSQL stops parsing and planning them), and a pooled connection is
    /// handed back without a reset (BwpOrders sets no session state; its advisory locks are per transaction); and
    /// 256 KB socket buffers instead of 8 KB, because a busy order's document is hundreds of KB and was read and
    /// written in 8 KB pieces (0.5 MB per pooled connection, used by the few connections a server keeps open).
    /// One pool for reads and writes: Npgsql's multiplexing (which once served reads here) does not observe a
    /// caller's cancellation, so a read could outlive its request's deadline while connections were dropped (and
    /// Npgsql 11 removes it).
    /// </summary>
    private static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql writes back what was set under its canonical names ("Max Auto Prepare"), whichever form was given.
        var given = builder.ConnectionString.Split(';').Select(p => p.Split('=')[0].Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Names the pool in pg_stat_activity.
        if (!given.Contains("Application Name")) builder.ApplicationName = "bwp-orders";
        // 5 s to connect instead of 15: an open that its caller gave up on holds a pool slot until then.
        if (!given.Contains("Timeout")) builder.Timeout = 5;
        if (!given.Contains("Max Auto Prepare")) builder.MaxAutoPrepare = 64;
        if (!given.Contains("Auto Prepare Min Usages")) builder.AutoPrepareMinUsages = 2;
        if (!given.Contains("No Reset On Close")) builder.NoResetOnClose = true;
        if (!given.Contains("Read Buffer Size")) builder.ReadBufferSize = 256 * 1024;
        if (!given.Contains("Write Buffer Size")) builder.WriteBufferSize = 256 * 1024;
        return builder.ConnectionString;
    }

    public override string Engine => "postgres";

    protected override IReadOnlyList<string> Migrations { get; } = SchemaMigrations.For(SqlDialect.Postgres);

    protected override string MigrationsTableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";

    public override string RowLockClause => " FOR UPDATE";

    public override string SkipLockedClause => " FOR UPDATE SKIP LOCKED";

    public override bool WritersWaitOnRowLocks => true;

    public override string OverridingIdentity => "OVERRIDING SYSTEM VALUE";

    public override string ConsistentReadsSql => "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    /// <summary>
    /// An attempt given up on the moment <paramref name="token"/> is cancelled, and told so on a thread of its own.
    /// Npgsql does not observe cancellation while it negotiates TLS with a server that stopped answering, and it cancels
    /// a statement by connecting to PostgreSQL to send a cancel request, synchronously, on the thread that cancels; both
    /// take up to its connect Timeout when the server does not answer. Waiting for that would hold the request past its
    /// deadline (and block the timer thread that cancels), so the caller goes on at once and the attempt finishes on its
    /// own within that Timeout, giving its connection back. What it was committing when it was given up on may still be
    /// committed, as with any answer lost on the way.
    /// </summary>
    protected override Task<T> AttemptAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken token)
    {
        var own = new CancellationTokenSource();
        var relay = token.Register(static o => Task.Factory.StartNew(static cts => ((CancellationTokenSource)cts!).Cancel(), o,
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default), own);
        var running = operation(own.Token);
        _ = running.ContinueWith(static (t, r) =>
        {
            ((CancellationTokenRegistration)r!).Dispose();
            _ = t.Exception; // observed: after a give-up nobody else waits for it
        }, relay, TaskScheduler.Default);
        return running.WaitAsync(token);
    }

    /// <summary>One batch, one round trip: Npgsql ends it with a single Sync, so PostgreSQL runs it as one implicit transaction.</summary>
    internal override Task<int[]> WriteBatchAsync(IReadOnlyList<Statement> statements, Action<int[]> check, CancellationToken ct) =>
        RetryTransientAsync(async attempt =>
        {
            int[] affected;
            await using (var connection = await OpenAsync(attempt))
                affected = await Sql.Batch(connection, null, statements, attempt);
            check(affected);
            return affected;
        }, ct);

    protected override Task LockMigrationsAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        Sql.Exec(connection, tx, "SELECT pg_advisory_xact_lock(@key)", ct, ("@key", MigrationLockKey));

    public override bool IsUniqueViolation(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsTransient(Exception e) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private long _lastClearMs;

    /// <summary>
    /// When one connection was dropped (server restart, failover), the idle ones in the pool likely were too: they are
    /// closed, at most once a second (every request failing at once would otherwise close every reconnection too).
    /// </summary>
    protected override void OnTransientFailure()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastClearMs);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastClearMs, now, last) == last) _dataSource.Clear();
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
