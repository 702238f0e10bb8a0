using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace BwpOrders.Domain;

/// <summary>
/// What a process remembers for a short while (a stored row, a credential, a token, an offset), so a hot path reads
/// it once per <paramref name="keepFor"/> and still sees another process's change within that time. Bounded by
/// entry count: when <paramref name="capacity"/> is reached everything is forgotten, as the values are hints that
/// are read again, never records. Lock-free reads: one dictionary lookup and one clock read.
/// </summary>
public sealed class ExpiringCache<TKey, TValue>(TimeProvider clock, TimeSpan keepFor, int capacity = 10_000) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Until)> _entries = new();
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _loading = new();

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> for the cache's time from <paramref name="since"/> (default: now).</summary>
    public void Set(TKey key, TValue value, DateTimeOffset? since = null) => SetUntil(key, value, (since ?? clock.GetUtcNow()) + keepFor);

    public void SetUntil(TKey key, TValue value, DateTimeOffset until)
    {
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[key] = (value, until);
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    public void Clear() => _entries.Clear();

    /// <summary>
    /// The remembered value, or what <paramref name="load"/> returns, remembered from before it ran. Callers that miss
    /// at once each load: for values that are cheap to read twice.
    /// </summary>
    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> load)
    {
        if (TryGet(key, out var known)) return known;
        var since = clock.GetUtcNow();
        var value = await load();
        Set(key, value, since);
        return value;
    }

    /// <summary>
    /// The remembered value, or one load shared by every caller that misses meanwhile; the loaded value says until when
    /// it is good. A failed load is not remembered (each waiting caller gets its exception). The load runs to its end
    /// whoever stops waiting (<paramref name="ct"/> ends only this caller's wait), so it must bound its own time.
    /// </summary>
    public async Task<TValue> GetSharedAsync(TKey key, Func<Task<(TValue Value, DateTimeOffset Until)>> load, CancellationToken ct)
    {
        if (TryGet(key, out var known)) return known;
        // Lazy: GetOrAdd may build two when called at once; only the one it keeps is ever started.
        var flight = _loading.GetOrAdd(key, _ => new Lazy<Task<TValue>>(() => LoadAsync(key, load)));
        return await flight.Value.WaitAsync(ct);
    }

    private async Task<TValue> LoadAsync(TKey key, Func<Task<(TValue Value, DateTimeOffset Until)>> load)
    {
        try
        {
            var (value, until) = await load();
            SetUntil(key, value, until);
            return value;
        }
        finally
        {
            // Only this flight can be under the key until it leaves: a new one starts only after.
            _loading.TryRemove(key, out _);
        }
    }
}
