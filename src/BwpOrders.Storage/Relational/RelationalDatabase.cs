using System.Data.Common;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// What differs between SQL engines: how to connect, how a write transaction is opened, the schema
/// steps, and how errors are classified. The stores on top are shared, with one SQL text for both engines.
/// </summary>
public abstract class RelationalDatabase
{
    /// <summary>Ordered schema migrations for this engine. Append only.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    public abstract string Engine { get; }

    /// <summary>A query counting tables named schema_migrations (the catalogue differs per engine).</summary>
    protected abstract string MigrationsTableExistsSql { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// Appended to the SELECT that reads an order for update, so the read locks what it read until commit
    /// (PostgreSQL: <c>FOR UPDATE</c>; SQLite needs none, its write transaction already excludes other writers).
    /// </summary>
    public virtual string RowLockClause => "";

    /// <summary>
    /// Appended to a SELECT of work items (outbox events, due deliveries) so concurrent workers each take different
    /// rows (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>; SQLite's write transaction already admits one worker at a time).
    /// </summary>
    public virtual string SkipLockedClause => "";

    /// <summary>
    /// Whether writers of one order wait on its row lock, each holding a connection (PostgreSQL), rather than on a
    /// write lock of the whole database that this process already queues for (SQLite).
    /// </summary>
    public virtual bool WritersWaitOnRowLocks => false;

    /// <summary>
    /// Put after a table name to make the query read it through <paramref name="index"/> (SQLite: <c>INDEXED BY</c>;
    /// its planner has no statistics unless ANALYZE ran, and then prefers an index that saves a sort over one that
    /// narrows the rows, which on a listing is a scan of the target. PostgreSQL's planner keeps statistics: nothing).
    /// </summary>
    public virtual string ReadThrough(string index) => "";

    /// <summary>
    /// Put between an INSERT's column list and VALUES to write a saved value into a generated key (PostgreSQL:
    /// <c>OVERRIDING SYSTEM VALUE</c>; SQLite takes one as it is).
    /// </summary>
    public virtual string OverridingIdentity => "";

    /// <summary>
    /// Run first in a write transaction whose reads must all see one moment (PostgreSQL: REPEATABLE READ; SQLite's write
    /// transaction already excludes every other writer).
    /// </summary>
    public virtual string? ConsistentReadsSql => null;

    /// <summary>A transaction for a read-modify-write (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED).</summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(ct);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction (see <see cref="BeginWriteAsync"/>) and commits it; the task
    /// completes once the commit is durable. Work that throws writes nothing. SQLite overrides this with group commit.
    /// </summary>
    public virtual Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        RetryTransientAsync(async attempt =>
        {
            await using var connection = await OpenAsync(attempt);
            await using var tx = await BeginWriteAsync(connection, attempt);
            var result = await work(connection, tx, attempt);
            await tx.CommitAsync(attempt);
            return result;
        }, ct);

    /// <summary>
    /// Runs <paramref name="statements"/> as one atomic write, durable when the task completes; a statement that fails
    /// leaves nothing written. <paramref name="check"/> sees the rows each statement affected and may throw: here inside
    /// the transaction, which it then rolls back. PostgreSQL overrides this to send the statements as one batch with no
    /// BEGIN and COMMIT, which the server runs as one implicit transaction (one round trip instead of two); there
    /// <paramref name="check"/> runs after the commit, so the statements must guard themselves against a lost race.
    /// </summary>
    internal virtual Task<int[]> WriteBatchAsync(IReadOnlyList<Statement> statements, Action<int[]> check, CancellationToken ct) =>
        WriteAsync(async (connection, tx, ct) =>
        {
            var affected = await Sql.Batch(connection, tx, statements, ct);
            check(affected);
            return affected;
        }, ct);

    /// <summary>Serialises concurrent migrators (PostgreSQL takes an advisory lock; SQLite's write lock suffices).</summary>
    protected virtual Task LockMigrationsAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) => Task.CompletedTask;

    protected virtual Task PrepareAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    public abstract bool IsUniqueViolation(Exception e);

    /// <summary>Called before a retry, e.g. to drop pooled connections that may be dead too.</summary>
    protected virtual void OnTransientFailure() { }

    /// <summary>A failure that left nothing applied and may succeed when tried again (dropped connection, serialization failure).</summary>
    public abstract bool IsTransient(Exception e);

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await PrepareAsync(connection, ct);
        await using var tx = await BeginWriteAsync(connection, ct);
        await LockMigrationsAsync(connection, tx, ct);
        await Sql.Exec(connection, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", ct);
        var applied = await AppliedVersionAsync(connection, tx, ct);
        for (var version = applied + 1; version <= Migrations.Count; version++)
        {
            await Sql.Exec(connection, tx, Migrations[version - 1], ct);
            await Sql.Exec(connection, tx, "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)", ct,
                ("@v", version), ("@at", DateTimeOffset.UtcNow.ToString("O")));
        }
        // Data the steps cannot derive in SQL (it takes the domain's rules): the listings' columns of orders stored before them.
        await OrderSearchColumns.FillAsync(connection, tx, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Applied and known schema versions, for <c>db status</c>.</summary>
    public Task<(int Applied, int Known)> StatusAsync(CancellationToken ct = default) => RetryTransientAsync(async attempt =>
    {
        await using var connection = await OpenAsync(attempt);
        var exists = await Sql.Scalar(connection, null, MigrationsTableExistsSql, attempt);
        var applied = Convert.ToInt64(exists) == 0 ? 0 : await AppliedVersionAsync(connection, null, attempt);
        return (applied, Migrations.Count);
    }, ct);

    private static async Task<int> AppliedVersionAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct) =>
        Convert.ToInt32(await Sql.Scalar(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", ct));

    /// <summary>
    /// How long one storage operation may take in all, its retries included (<c>Storage:OperationTimeoutSeconds</c>):
    /// past it the operation is cancelled wherever it waits (for a pooled connection, a connection being opened, a
    /// statement, a commit) and fails with <see cref="StorageUnavailableException"/>, so a request answers within its
    /// own timeout even while the database drops connections or stops answering.
    /// </summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Runs <paramref name="operation"/>, and again with capped, jittered exponential backoff while it fails transiently,
    /// until <see cref="OperationTimeout"/> has passed. Each attempt gets a token that is cancelled at that deadline (or
    /// with <paramref name="ct"/>): it must pass it to everything it awaits.
    /// </summary>
    public async Task<T> RetryTransientAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(OperationTimeout);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(operation, deadline.Token);
            }
            catch (Exception e) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new StorageUnavailableException(OperationTimeout, e);
            }
            catch (Exception e) when (IsTransient(e))
            {
                OnTransientFailure();
                try
                {
                    await Task.Delay(Backoff(attempt), deadline.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new StorageUnavailableException(OperationTimeout, e);
                }
            }
        }
    }

    /// <summary>One attempt of <see cref="RetryTransientAsync{T}"/>, which fails as soon as <paramref name="token"/> is cancelled.</summary>
    protected virtual Task<T> AttemptAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken token) => operation(token);

    /// <summary>
    /// Full jitter over an exponential step (20 ms, 40 ms, ... capped at 250 ms): callers that failed together (every
    /// request when a database restarts) spread out instead of reconnecting in lockstep, and none waits long once the
    /// database is back (a longer cap halved the writes that got through while connections kept being dropped).
    /// </summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, (int)Math.Min(250, 20 * Math.Pow(2, Math.Min(attempt, 8) - 1)) + 1));
}

/// <summary>
/// The database did not complete an operation within <see cref="RelationalDatabase.OperationTimeout"/>. Unless the
/// deadline cut a commit short (then the outcome is unknown, as with any lost answer), nothing of it was applied.
/// </summary>
public sealed class StorageUnavailableException(TimeSpan timeout, Exception last)
    : Exception($"The database did not complete the operation within {timeout.TotalSeconds:0.#} s (last error: {last.GetType().Name}).", last);
