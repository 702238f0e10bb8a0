using BwpOrders.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Orders recently read, kept deserialized and handed to every reader of the same version: turning the stored
/// document back into an order was the largest single cost of an order read (about 15% of its CPU, with the garbage
/// it left). A read still asks the store for the order's current version, and a kept order is used only when it is
/// that version. Orders are never deleted (but by a target reset or restore, which clears what is kept: <see cref="Clear"/>) and every write stores the next version, so a version names one document
/// in every process sharing the database: what another process wrote is never missed. Writers never get a kept
/// order, because they change the order they read. Bounded by an estimate of the memory each order holds; the least
/// recently used go first. An order is kept only when it is read a second time while its first read is still
/// remembered (<see cref="SeenOnce"/>): reads spread over more orders than the budget holds would otherwise replace
/// kept orders on every read, for garbage and pauses and no hits (a million orders read at random: p99 7 → 46 ms).
/// Not an <see cref="ExpiringCache{TKey,TValue}"/> for the same reasons: a byte budget, least recently used first,
/// and admission on a second read (bench/README.md, "Where the time went").
/// </summary>
internal sealed class SharedOrders
{
    private readonly MemoryCache _cache;
    private readonly SeenOnce _seen = new();
    private readonly bool _verify;

    public SharedOrders(StorageOptions options)
    {
        // A fifth at a time: with a working set larger than the budget, compacting by the default 5% ran every few reads.
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.OrderCacheBytes, CompactionPercentage = 0.2 });
        _verify = options.VerifySharedOrders;
    }

    /// <summary>The kept order if it is at <paramref name="version"/>.</summary>
    public StoredOrder? Find(string targetId, string orderId, long version)
    {
        if (!_cache.TryGetValue((targetId, orderId), out Kept? kept) || kept!.Stored.Version != version) return null;
        if (kept.Form is not null && !OrderJson.SerializeToUtf8(kept.Stored.Order).AsSpan().SequenceEqual(kept.Form))
            throw new InvalidOperationException($"Order '{orderId}' (version {version}) was changed by a reader after it was shared; readers must not change the order FindAsync returns.");
        return kept.Stored;
    }

    /// <summary>Keeps an order just read from a document of <paramref name="documentBytes"/> bytes.</summary>
    public void Keep(string targetId, string orderId, StoredOrder stored, int documentBytes)
    {
        if (!_seen.Again(targetId, orderId)) return;
        using var entry = _cache.CreateEntry((targetId, orderId));
        entry.Value = new Kept(stored, _verify ? OrderJson.SerializeToUtf8(stored.Order) : null);
        entry.Size = EstimateBytes(documentBytes);
    }

    /// <summary>
    /// Forgets every kept order, of every target: after a reset or restore a version no longer names one document (an
    /// order may be made again under its id). Rare enough that sorting out one target's orders is not worth it.
    /// </summary>
    public void Clear() => _cache.Clear();

    /// <summary>
    /// Measured on the benchmark's orders: an order with the document it keeps (to tell a no-op update from a change)
    /// holds about 3.8 times the document's size; the rest is the cache entry.
    /// </summary>
    public static long EstimateBytes(int documentBytes) => 4L * documentBytes + 256;

    private sealed record Kept(StoredOrder Stored, byte[]? Form);

    /// <summary>
    /// Which orders were read recently, approximately: a table of hashes where each read leaves its order's hash in
    /// one slot, overwriting what was there. Finding the hash there again means a second read since then. Races only
    /// lose a sighting or admit an order a read early.
    /// </summary>
    private sealed class SeenOnce
    {
        private readonly int[] _slots = new int[1 << 16];

        public bool Again(string targetId, string orderId)
        {
            var hash = HashCode.Combine(targetId, orderId);
            var mark = hash | 1; // never 0, the empty slot
            ref var slot = ref _slots[hash & (_slots.Length - 1)];
            if (slot == mark) return true;
            slot = mark;
            return false;
        }
    }
}
