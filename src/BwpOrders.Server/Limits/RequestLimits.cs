namespace BwpOrders.Server.Limits;

/// <summary>
/// Limits that keep one request from taking the server down. Bound from configuration section "Limits"
/// (environment: <c>Limits__MaxQueryDepth=20</c>, ...); every value has a safe default.
/// </summary>
public sealed class RequestLimits
{
    /// <summary>Largest request body in bytes (larger → 413).</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most lexical tokens in a query, counted before parsing (graphql-java's default is also 15,000).</summary>
    public int MaxQueryTokens { get; set; } = 15_000;

    /// <summary>Memory the validated-document cache may hold, by an estimate of each document's size.</summary>
    public long DocumentCacheBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Deepest selection nesting in a GraphQL document.</summary>
    public int MaxQueryDepth { get; set; } = 20;

    /// <summary>Most field selections in one operation, counting fragment contents where spread.</summary>
    public int MaxFieldCount { get; set; } = 1_000;

    /// <summary>Most root fields (usually aliases of one field) in one operation: stops alias amplification.</summary>
    public int MaxRootFields { get; set; } = 10;

    /// <summary>Longest list accepted in arguments or variables.</summary>
    public int MaxListLength { get; set; } = 100;

    /// <summary>Longest string accepted in arguments or variables (ids, titles, URLs...).</summary>
    public int MaxStringLength { get; set; } = 4_096;

    /// <summary>Requests per second each credential may make, and the burst it may save up.</summary>
    public int RequestsPerSecond { get; set; } = 50;
    public int RequestBurst { get; set; } = 100;

    /// <summary>Token requests per minute per client id (BwP warns that hammering /token is throttled).</summary>
    public int TokenRequestsPerMinute { get; set; } = 60;

    /// <summary>
    /// Time within which every request is answered: work still running 3 s before (a quarter of it, for a short one)
    /// is cancelled, and the request answered 504 RequestTimeout.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// On SIGTERM (or Ctrl+C), how long requests in flight and background work get to finish before they are
    /// cancelled and the process exits (Docker waits 10 s before it kills a container).
    /// </summary>
    public int ShutdownTimeoutSeconds { get; set; } = 10;

    // Connection-level limits, enforced by Kestrel before a request reaches the application.

    /// <summary>Time a client has to send all request headers; a slower one (slowloris) is disconnected.</summary>
    public int HeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>Slowest request body accepted once <see cref="BodyRateGraceSeconds"/> have passed; slower → 408 and disconnect.</summary>
    public int MinBodyBytesPerSecond { get; set; } = 240;
    public int BodyRateGraceSeconds { get; set; } = 5;

    /// <summary>Largest total size of a request's headers (larger → 431).</summary>
    public int MaxHeaderBytes { get; set; } = 32 * 1024;

    /// <summary>Most open client connections; further ones are closed at once until some end.</summary>
    public long MaxConnections { get; set; } = 1_000;

    /// <summary>How long an idle keep-alive connection stays open (longer than a typical load balancer's 60 s).</summary>
    public int KeepAliveSeconds { get; set; } = 130;

    /// <summary>Fails the start on a limit nothing could meet (Kestrel and the rate limiter would refuse it later), naming it.</summary>
    public void Check()
    {
        Hosting.Settings.CheckAtLeast(this, "Limits", 1, nameof(DocumentCacheBytes));
        if (DocumentCacheBytes < 0) throw new ArgumentException($"Limits:DocumentCacheBytes must be at least 0, not {DocumentCacheBytes}.");
    }
}
