using BwpOrders.Server.Limits;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// Parsed documents that parsed, passed the limits and passed validation, so a repeated query skips all three.
/// Admission happens only after a successful validation: a refused document never stays in memory. The cache
/// is bounded by an estimate of the bytes each document holds (<see cref="RequestLimits.DocumentCacheBytes"/>),
/// not by entry count, and evicts the least recently used entries when full.
/// Not an <see cref="Domain.ExpiringCache{TKey,TValue}"/>: documents differ in size by orders of magnitude, so only a
/// byte budget bounds memory, and forgetting every document at once would re-parse the hot ones (bench/README.md,
/// "Hostile load").
/// </summary>
public sealed class DocumentCache : IDisposable
{
    /// <summary>The version's schema validated it, and the limits were checked on this operation.</summary>
    public readonly record struct Key(string Version, string? OperationName, string Query);

    private readonly MemoryCache _cache;

    public DocumentCache(IOptions<RequestLimits> limits) =>
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = limits.Value.DocumentCacheBytes, TrackStatistics = true });

    public GraphQLDocument? Find(Key key) => _cache.TryGetValue(key, out GraphQLDocument? document) ? document : null;

    public void Admit(Key key, GraphQLDocument document, int tokens) =>
        _cache.Set(key, document, new MemoryCacheEntryOptions { Size = EstimateBytes(key.Query.Length, tokens), SlidingExpiration = TimeSpan.FromMinutes(30) });

    /// <summary>
    /// Measured with GraphQL-Parser 9.5: about 90 bytes of syntax tree per token, whatever the query's shape,
    /// plus the query text (UTF-16), one string that is both the key and the document's source.
    /// </summary>
    public static long EstimateBytes(int queryChars, int tokens) => 2L * queryChars + 100L * tokens + 256;

    public long Entries => _cache.GetCurrentStatistics()?.CurrentEntryCount ?? _cache.Count;

    public long EstimatedBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public void Dispose() => _cache.Dispose();
}
