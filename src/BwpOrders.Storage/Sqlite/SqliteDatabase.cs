using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
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
    // Pooled connections keep their settings: the pragmas are run once per SQLite handle, not on every open.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate;
    private readonly GroupCommit _groupCommit;

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
        _writeGate = WriteGates.GetOrAdd(full, _ => new SemaphoreSlim(1, 1));
        _groupCommit = GroupCommits.GetOrAdd(full, _ => new GroupCommit(OpenAsync, BeginWriteAsync));
    }

    /// <summary>Group commit: see <see cref="GroupCommit"/>.</summary>
    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        _groupCommit.WriteAsync(work, ct);

    /// <summary>
    /// BEGIN IMMEDIATE after this process's earlier writers to the file are done; the turn ends when the connection
    /// closes (every write path commits, then closes its connection).
    /// </summary>
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        var released = 0;
        void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 1) return;
            connection.StateChange -= OnClosed;
            _writeGate.Release();
        }
        void OnClosed(object? sender, StateChangeEventArgs e)
        {
            if (e.CurrentState == ConnectionState.Closed) Release();
        }
        connection.StateChange += OnClosed;
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

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        if (Configured.TryGetValue(connection.Handle!, out _)) return connection;
        // synchronous is per connection: FULL makes every commit durable before we acknowledge it.
        await Sql.Exec(connection, null, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;", ct);
        Configured.AddOrUpdate(connection.Handle!, Marker);
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
