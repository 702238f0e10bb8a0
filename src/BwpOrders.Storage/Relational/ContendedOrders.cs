using BwpOrders.Domain;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Orders that recently had a version conflict in this process, and a queue for their writers. Where writers wait on
/// an order's row lock, each holds a pooled connection while it waits, and when the database drops connections each
/// reconnects only to wait again; and racing writers each read the order only for all but one to lose the race. So this
/// process's writers of one order take turns here, in order, from the start, and only the one whose turn it is uses a
/// connection (measured: 120 writes to 4 orders while every connection was dropped each 150 ms took 12-27 s when
/// writers took turns only after losing a race, 1-13 s now). The row lock still orders them against other processes.
/// </summary>
internal sealed class ContendedOrders
{
    // A bounded hint, not a record: a conflict marks the order contended for 2 s.
    private readonly ExpiringCache<(string Target, string OrderId), bool> _conflicted = new(TimeProvider.System, TimeSpan.FromSeconds(2));
    // An entry lives while someone holds or waits for its turn.
    private readonly Dictionary<(string Target, string OrderId), Turns> _turns = [];

    /// <summary>The order had a version conflict lately, or other writers of it wait for their turn in this process.</summary>
    public bool IsContended(string targetId, string orderId)
    {
        if (_conflicted.TryGet((targetId, orderId), out _)) return true;
        lock (_turns) return _turns.TryGetValue((targetId, orderId), out var turns) && turns.Users > 1;
    }

    public void Mark(string targetId, string orderId) => _conflicted.Set((targetId, orderId), true);

    /// <summary>Waits (while <paramref name="ct"/> allows) until no other writer of the order in this process holds its turn.</summary>
    public async Task<IDisposable> TakeTurnAsync(string targetId, string orderId, CancellationToken ct)
    {
        var key = (targetId, orderId);
        Turns turns;
        lock (_turns)
        {
            if (!_turns.TryGetValue(key, out turns!)) _turns[key] = turns = new Turns();
            turns.Users++;
        }
        try
        {
            await turns.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(key, turns);
            throw;
        }
        return new Turn(() =>
        {
            turns.Gate.Release();
            Leave(key, turns);
        });
    }

    private void Leave((string, string) key, Turns turns)
    {
        lock (_turns)
            if (--turns.Users == 0) _turns.Remove(key);
    }

    private sealed class Turns
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Users;
    }

    private sealed class Turn(Action end) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) end();
        }
    }
}
