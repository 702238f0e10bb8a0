using System.Collections.Concurrent;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// Keeps what a loader returned for a couple of seconds, so sending many deliveries of one subscription reads it
/// (and decrypts its secrets) once, while a change made elsewhere is seen within that time. Bounded.
/// </summary>
public sealed class ShortCache<TValue>(TimeProvider clock, TimeSpan keepFor, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Until)> _entries = new();

    public async Task<TValue> GetAsync(string key, Func<Task<TValue>> load)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now) return entry.Value;
        var value = await load();
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[key] = (value, now + keepFor);
        return value;
    }
}
