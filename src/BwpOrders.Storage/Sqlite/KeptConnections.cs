using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using BwpOrders.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace BwpOrders.Storage.Sqlite;

/// <summary>
/// Open SQLite connections kept for reuse together with their prepared statements. Microsoft.Data.Sqlite prepares a
/// command's SQL again for every new command, and closing a pooled connection disposes its commands, so its pool saved
/// only the open: preparing the order lookup cost as much as running it (dotnet/efcore#14044). Disposing a kept
/// connection hands it back here instead of closing it; each SQL text keeps one prepared command on it. Connections
/// idle for a minute are closed.
/// </summary>
internal sealed class ConnectionKeeper
{
    private static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(1);
    private readonly int _maxIdle = Math.Max(16, 4 * Environment.ProcessorCount);
    private readonly ConcurrentStack<KeptConnection> _idle = new();
    private readonly string _connectionString;
    private readonly Func<DbConnection, CancellationToken, Task> _configure;
    private int _idleCount;

    /// <param name="configure">Run once on each new connection (per-connection pragmas).</param>
    public ConnectionKeeper(string connectionString, Func<DbConnection, CancellationToken, Task> configure)
    {
        // The keeper is the pool: Microsoft.Data.Sqlite's own would only keep the handles our discards close.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _configure = configure;
        // The timer holds the keeper weakly, so a keeper nobody uses any more is collected with its connections.
        var self = new WeakReference<ConnectionKeeper>(this);
        Timer? timer = null;
        timer = new Timer(_ =>
        {
            if (self.TryGetTarget(out var keeper)) keeper.CloseIdle();
            else timer?.Dispose();
        }, null, IdleFor, IdleFor);
    }

    public async Task<DbConnection> RentAsync(CancellationToken ct)
    {
        if (_idle.TryPop(out var kept))
        {
            Interlocked.Decrement(ref _idleCount);
            kept.Rent();
            return kept;
        }
        var connection = new KeptConnection(this, _connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await _configure(connection, ct);
        }
        catch
        {
            connection.Discard();
            throw;
        }
        connection.Rent();
        return connection;
    }

    internal void Return(KeptConnection connection)
    {
        if (Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Discard();
            return;
        }
        _idle.Push(connection);
    }

    private void CloseIdle()
    {
        var stillUsed = new List<KeptConnection>();
        while (_idle.TryPop(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            if (Environment.TickCount64 - connection.ReturnedAt > IdleFor.TotalMilliseconds) connection.Discard();
            else stillUsed.Add(connection);
        }
        // Most recently used last, so it is handed out first again.
        foreach (var connection in Enumerable.Reverse(stillUsed)) Return(connection);
    }
}

/// <summary>
/// A connection its users never really close: disposing it rolls back a transaction left open, runs what was
/// registered with <see cref="OnReturn"/> and hands it back to its <see cref="ConnectionKeeper"/>.
/// </summary>
internal sealed class KeptConnection(ConnectionKeeper keeper, string connectionString) : SqliteConnection(connectionString), IStatementCache
{
    // Enough for every statement the stores run; texts built per call (IN lists) would otherwise pile up.
    private const int MaxStatements = 100;
    private readonly Dictionary<string, KeptCommand> _statements = new(StringComparer.Ordinal);
    private Action? _onReturn;
    private bool _rented;

    public long ReturnedAt { get; private set; }

    /// <summary>How many SQL texts this connection keeps prepared.</summary>
    internal int PreparedCount => _statements.Count;

    /// <summary>Runs once, when the current user hands the connection back (e.g. to end its write turn).</summary>
    public void OnReturn(Action action) => _onReturn += action;

    internal void Rent() => _rented = true;

    public DbCommand? Prepared(string sql)
    {
        if (_statements.TryGetValue(sql, out var command))
            return command.Busy ? null : command; // the same SQL is still being read: the caller takes a new command
        if (_statements.Count >= MaxStatements) DropStatements();
        command = new KeptCommand { Connection = this, CommandText = sql };
        _statements[sql] = command;
        return command;
    }

    public override void Close() => GiveBack();

    protected override void Dispose(bool disposing)
    {
        if (disposing) GiveBack();
        else base.Dispose(disposing);
    }

    private void GiveBack()
    {
        if (!_rented) return;
        _rented = false;
        try
        {
            Transaction?.Dispose(); // as Close would: a transaction left open is rolled back
        }
        catch
        {
            Finish();
            Discard();
            return;
        }
        Finish();
        ReturnedAt = Environment.TickCount64;
        if (State == ConnectionState.Open) keeper.Return(this);
        else Discard();

        void Finish()
        {
            var onReturn = _onReturn;
            _onReturn = null;
            onReturn?.Invoke();
        }
    }

    /// <summary>Closes the connection for good, finalizing its statements.</summary>
    internal void Discard()
    {
        _rented = false;
        DropStatements();
        base.Close();
        base.Dispose(true);
        GC.SuppressFinalize(this);
    }

    private void DropStatements()
    {
        foreach (var command in _statements.Values) command.Drop();
        _statements.Clear();
    }

    /// <summary>A command whose users' dispose leaves its statements prepared for the next use of the same SQL.</summary>
    private sealed class KeptCommand : SqliteCommand
    {
        private bool _dropped;

        public bool Busy => DataReader is not null;

        public void Drop()
        {
            _dropped = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_dropped) return;
            base.Dispose(disposing);
        }
    }
}
