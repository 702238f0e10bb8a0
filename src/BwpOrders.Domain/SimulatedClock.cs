namespace BwpOrders.Domain;

/// <summary>
/// Each target's simulated clock: real time (the injected base clock) plus the offset the target has advanced it
/// by. Offsets are cached for a second, so another process's advance is seen within that; the cache is bounded.
/// </summary>
public sealed class SimulatedClock(IClockStore store, TimeProvider baseClock)
{
    private readonly ExpiringCache<string, TimeSpan> _offsets = new(baseClock, TimeSpan.FromSeconds(1));

    public DateTimeOffset RealNow => baseClock.GetUtcNow();

    public async ValueTask<DateTimeOffset> NowAsync(string targetId, CancellationToken ct = default)
    {
        var real = baseClock.GetUtcNow();
        if (_offsets.TryGet(targetId, out var cached)) return real + cached;
        var offset = await store.OffsetAsync(targetId, ct);
        _offsets.Set(targetId, offset, since: real);
        return real + offset;
    }

    /// <summary>Reads the target's offset from the store next time (its state was reset or restored).</summary>
    public void Forget(string targetId) => _offsets.Remove(targetId);

    public async Task<DateTimeOffset> AdvanceAsync(string targetId, TimeSpan by, CancellationToken ct = default)
    {
        if (by < TimeSpan.Zero) throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("seconds"), "the clock only moves forward.");
        var real = baseClock.GetUtcNow();
        var offset = await store.AdvanceAsync(targetId, by, ct);
        _offsets.Set(targetId, offset, since: real);
        return real + offset;
    }
}

/// <summary>Wakes a background worker when there is work for it, so it need not wait for its next poll.</summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0) try { _signal.Release(); } catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>Wakes the runner of scheduled actions when a change scheduled one, so "at once" is at once.</summary>
public sealed class DueSignal : WakeSignal;

/// <summary>Wakes the event dispatcher when a change committed events.</summary>
public sealed class EventSignal : WakeSignal;
