using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Caching.Memory;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// The HTTP clients for merchants' endpoints (webhooks, OAuth token endpoints), one per target, so no pooled
/// connection ever carries two targets' requests: whatever one target's endpoint or configuration does to a
/// connection cannot reach another's. Every connection goes only to an address the <see cref="DestinationPolicy"/>
/// allows, checked after DNS resolution; redirects are not followed; proxies from the environment are ignored, and a
/// proxy configured in Events:Proxy is used only after the destination's addresses passed the same check. A target's
/// client is kept while it is used (least recently used first out, at most <see cref="MaxTargets"/>), and disposed
/// once its last attempt can have ended.
/// </summary>
public sealed class DestinationHttp : IDisposable
{
    public const int MaxTargets = 1_000;
    private static readonly TimeSpan KeptWhileIdle = TimeSpan.FromMinutes(5);
    private const int MaxResponseBytes = 64 * 1024; // an OAuth token answer; webhook answers are not read

    private readonly DestinationPolicy _policy;
    private readonly Uri? _proxy;
    private readonly TimeSpan _disposeAfter;
    private readonly MemoryCache _clients = new(new MemoryCacheOptions { SizeLimit = MaxTargets });

    /// <param name="longestAttempt">How long a request may still be using an evicted client.</param>
    public DestinationHttp(DestinationPolicy policy, Uri? proxy, TimeSpan longestAttempt)
    {
        _policy = policy;
        _proxy = proxy;
        _disposeAfter = longestAttempt + TimeSpan.FromSeconds(5);
    }

    /// <summary>The client for <paramref name="targetId"/>'s requests, and only theirs.</summary>
    public HttpClient For(string targetId) => _clients.GetOrCreate(targetId, entry =>
    {
        entry.Size = 1;
        entry.SlidingExpiration = KeptWhileIdle;
        var client = Create();
        // Evicted (or replaced by a racing create): requests may still be using it, so it goes only when they are done.
        entry.RegisterPostEvictionCallback(static (_, value, _, after) =>
            _ = Task.Delay((TimeSpan)after!).ContinueWith(_ => ((HttpClient)value!).Dispose(), TaskScheduler.Default), _disposeAfter);
        return client;
    })!;

    private HttpClient Create()
    {
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = _proxy is not null,
            Proxy = _proxy is null ? null : new WebProxy(_proxy),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = ConnectAsync,
        };
        HttpMessageHandler handler = _proxy is null ? sockets : new CheckedBeforeProxy(_policy) { InnerHandler = sockets };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxResponseBytes }; // each attempt has its own deadline
    }

    /// <summary>A connection to an allowed address of the endpoint (or to the configured proxy, which is the operator's).</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var toProxy = _proxy is not null && string.Equals(endpoint.Host, _proxy.IdnHost, StringComparison.OrdinalIgnoreCase) && endpoint.Port == _proxy.Port;
        var addresses = toProxy ? await Dns.GetHostAddressesAsync(endpoint.Host, ct) : await AllowedAddressesAsync(_policy, endpoint.Host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses <paramref name="host"/> resolves to that the policy allows; none is an error saying why.</summary>
    private static async Task<IPAddress[]> AllowedAddressesAsync(DestinationPolicy policy, string host, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => policy.Refusal(a) is null).ToArray();
        if (allowed.Length > 0) return allowed;
        throw new HttpRequestException(addresses.Length == 0 ? $"{host} does not resolve"
            : $"{host} resolves only to addresses this server may not call ({policy.Refusal(addresses[0])})");
    }

    /// <summary>
    /// Through a proxy, the proxy resolves the name and connects: every address the name has here must be allowed
    /// before the request (a CONNECT, for https) goes to it.
    /// </summary>
    private sealed class CheckedBeforeProxy(DestinationPolicy policy) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var host = request.RequestUri!.IdnHost;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            if (addresses.Length == 0) throw new HttpRequestException($"{host} does not resolve");
            if (addresses.Select(policy.Refusal).FirstOrDefault(r => r is not null) is { } refused)
                throw new HttpRequestException($"{host} resolves to an address this server may not call ({refused})");
            return await base.SendAsync(request, ct);
        }
    }

    public void Dispose() => _clients.Dispose();
}
