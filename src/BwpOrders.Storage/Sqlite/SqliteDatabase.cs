using System.Collections.Concurrent;
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
    // One gate per database file in this process: its writers queue here, in order, instead of in SQLite's busy
    // handler, which polls with growing sleeps and lets a writer that comes back quickly take the lock again and again.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new();
    private static readonly ConcurrentDictionary<string, GroupCommit> GroupCommits = new();

    private readonly ConnectionKeeper _connections;
    private readonly SemaphoreSlim _writeGate;
    private readonly GroupCommit _groupCommit;

    public SqliteDatabase(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
        // synchronous is per connection: FULL makes every commit durable before we acknowledge it.
        _connections = new ConnectionKeeper(connectionString, (connection, ct) =>
            Sql.Exec(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; " + WalCheckpoints.DisableAutomatic, ct));
        _writeGate = WriteGates.GetOrAdd(full, _ => new SemaphoreSlim(1, 1));
        _groupCommit = GroupCommits.GetOrAdd(full, _ => new GroupCommit(OpenAsync, BeginWriteAsync, new WalCheckpoints(OpenAsync).AfterCommit));
    }

    /// <summary>Group commit: see <see cref="GroupCommit"/>.</summary>
    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _groupCommit.WriteAsync(work, ct);

    /// <summary>
    /// BEGIN IMMEDIATE after this process's earlier writers to the file are done; the turn ends when the connection
    /// is handed back (every write path commits, then disposes its connection).
    /// </summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) _writeGate.Release();
        }
        ((KeptConnection)connection).OnReturn(Release);
        try
        {
            return await connection.BeginTransactionAsync(ct);
        }
        catch
        {
            Release();
            throw;
        }
    }

    public override string Engine => "sqlite";

    protected override IReadOnlyList<string> Migrations { get; } = SchemaMigrations.For(SqlDialect.Sqlite);

    protected override string MigrationsTableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

    /// <summary>A kept connection with its prepared statements (<see cref="ConnectionKeeper"/>).</summary>
    public override Task<DbConnection> OpenAsync(CancellationToken ct) => _connections.RentAsync(ct);

    /// <summary>WAL is a property of the file: set once, before the first migration.</summary>
    protected override Task PrepareAsync(DbConnection connection, CancellationToken ct) =>
        Sql.Exec(connection, null, "PRAGMA journal_mode=WAL;", ct);

    // SQLITE_CONSTRAINT (19): a unique or primary key index refused the row.
    public override string ReadThrough(string index) => " INDEXED BY " + index;

    public override bool IsUniqueViolation(Exception e) => e is SqliteException { SqliteErrorCode: 19 };

    // Busy and locked are already waited out by busy_timeout; nothing else is worth repeating.
    public override bool IsTransient(Exception e) => false;
}
