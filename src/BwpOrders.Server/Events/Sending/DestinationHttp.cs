using System.Net;
using System.Net.Sockets;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// The HTTP client for merchants' endpoints (webhooks, OAuth token endpoints): every connection goes only to an
/// address the <see cref="DestinationPolicy"/> allows, checked after DNS resolution, and redirects are not followed.
/// </summary>
public static class DestinationHttp
{
    public static HttpClient Create(DestinationPolicy policy) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = addresses.Where(a => policy.Refusal(a) is null).ToList();
            if (allowed.Count == 0)
                throw new HttpRequestException(addresses.Length == 0 ? $"{context.DnsEndPoint.Host} does not resolve"
                    : $"{context.DnsEndPoint.Host} resolves only to addresses this server may not call ({policy.Refusal(addresses[0])})");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own deadline
    };
}
