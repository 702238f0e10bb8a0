using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BwpOrders.Server.Limits;

/// <summary>
/// Kestrel's own defences against slow and greedy clients, from <see cref="RequestLimits"/>. They act on the
/// connection before (or while) the application sees a request, and none of them holds a thread: a client
/// that trickles its headers or body is cut off by Kestrel's heartbeat.
/// </summary>
public static class ConnectionLimits
{
    public static void Apply(KestrelServerOptions kestrel, RequestLimits limits)
    {
        kestrel.AddServerHeader = false;
        var k = kestrel.Limits;
        k.MaxRequestBodySize = limits.MaxBodyBytes;
        k.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.HeadersTimeoutSeconds);
        k.MinRequestBodyDataRate = new MinDataRate(limits.MinBodyBytesPerSecond, TimeSpan.FromSeconds(limits.BodyRateGraceSeconds));
        k.MaxRequestHeadersTotalSize = limits.MaxHeaderBytes;
        k.MaxConcurrentConnections = limits.MaxConnections;
        k.MaxConcurrentUpgradedConnections = limits.MaxConnections;
        k.KeepAliveTimeout = TimeSpan.FromSeconds(limits.KeepAliveSeconds);
    }
}
