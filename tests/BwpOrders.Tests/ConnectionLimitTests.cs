using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Kestrel's connection limits, at small configured values: slow clients (slowloris) are cut off within the
/// configured time while other clients are served, idle connections are closed, and oversized headers are refused.
/// </summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private const string Target = "bp-connections";
    private readonly ServerFixture _server = new()
    {
        ConfigurationArgs = [.. ServerFixture.HighRateLimits,
            "--Limits:HeadersTimeoutSeconds=2", "--Limits:MinBodyBytesPerSecond=100", "--Limits:BodyRateGraceSeconds=2",
            "--Limits:MaxHeaderBytes=4096", "--Limits:KeepAliveSeconds=2"],
    };

    [Fact]
    public async Task A_client_sending_its_headers_a_byte_a_second_is_disconnected_while_others_are_served()
    {
        using var slow = await Connect();
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /graphql HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\nx-slow: "));
        var clock = Stopwatch.StartNew();
        var trickle = Trickle(stream);

        (await _server.Api.Send(Target, null, "{ __typename }")).AssertSuccess();
        await AssertClosedWithin(slow, TimeSpan.FromSeconds(8));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 8);
        await trickle;
    }

    [Fact]
    public async Task A_client_sending_its_body_a_byte_a_second_gets_408_and_is_disconnected_while_others_are_served()
    {
        var token = await _server.Tokens.ForTarget(Target);
        using var slow = await Connect();
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /graphql HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
            $"Authorization: Bearer {token}\r\nx-api-target-id: {Target}\r\nContent-Length: 1000\r\n\r\n{{"));
        var clock = Stopwatch.StartNew();
        var trickle = Trickle(stream);

        (await _server.Api.Send(Target, null, "{ __typename }")).AssertSuccess();
        var response = await AssertClosedWithin(slow, TimeSpan.FromSeconds(10));
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 10);
        Assert.StartsWith("HTTP/1.1 408", response);
        Assert.Contains("\"code\":\"RequestBodyTooSlow\"", response);
        await trickle;
    }

    [Fact]
    public async Task An_idle_keep_alive_connection_is_closed_after_the_keep_alive_time()
    {
        using var client = await Connect();
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /healthz HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\n\r\n"));
        var clock = Stopwatch.StartNew();
        var response = await AssertClosedWithin(client, TimeSpan.FromSeconds(8));
        Assert.StartsWith("HTTP/1.1 200", response); // answered, kept open, then closed when idle too long
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 8);
    }

    [Fact]
    public async Task Headers_over_the_size_limit_are_refused_with_431()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ __typename }"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-target-id", Target);
        request.Headers.Add("x-padding", new string('p', 5000));
        using var response = await _server.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);

        (await _server.Api.Send(Target, null, "{ __typename }")).AssertSuccess(); // the server is fine
    }

    private Task<TcpClient> Connect() => Connections.Open(_server);

    /// <summary>Sends one byte a second until the server closes the connection.</summary>
    private static async Task Trickle(NetworkStream stream)
    {
        try
        {
            for (var i = 0; i < 30; i++)
            {
                await Task.Delay(1000);
                await stream.WriteAsync("a"u8.ToArray());
            }
        }
        catch (IOException) { }
        catch (ObjectDisposedException) { }
    }

    private static Task<string> AssertClosedWithin(TcpClient client, TimeSpan limit) => Connections.AssertClosedWithin(client, limit);

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}

/// <summary>The connection cap, on a server whose timeouts are long enough that no slot frees itself during the test.</summary>
public sealed class ConnectionCapTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { ConfigurationArgs = [.. ServerFixture.HighRateLimits, "--Limits:MaxConnections=4", "--Limits:HeadersTimeoutSeconds=60"] };

    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_until_others_end()
    {
        var idle = new List<TcpClient>();
        try
        {
            // Each completes a request first, so Kestrel has surely counted it before the extra one arrives.
            for (var i = 0; i < 4; i++) idle.Add(await Connections.OpenAndServeOne(_server));
            using var extra = await Connections.Open(_server);
            await Connections.AssertClosedWithin(extra, TimeSpan.FromSeconds(5));

            idle[0].Dispose();
            // Kestrel frees the slot once it notices the close: until then a new connection is closed as the extra one was.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                try
                {
                    (await _server.Api.Send("bp-connections", null, "{ __typename }")).AssertSuccess();
                    break;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(50);
                }
            }
        }
        finally
        {
            foreach (var client in idle) client.Dispose();
        }
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}

/// <summary>Raw TCP connections to a test server, for the limits that act below HTTP.</summary>
internal static class Connections
{
    public static async Task<TcpClient> Open(ServerFixture server)
    {
        var client = new TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        return client;
    }

    /// <summary>A keep-alive connection that has been answered once (GET /healthz), left open and idle.</summary>
    public static async Task<TcpClient> OpenAndServeOne(ServerFixture server)
    {
        var client = await Open(server);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /healthz HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n"));
        var buffer = new byte[1024];
        var text = "";
        while (!text.EndsWith("ok")) text += Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer));
        return client;
    }

    /// <summary>Reads until the server closes the connection and returns what it sent.</summary>
    public static async Task<string> AssertClosedWithin(TcpClient client, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await client.GetStream().ReadAsync(buffer, timeout.Token)) > 0) received.Write(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"the connection was still open after {limit.TotalSeconds} s");
        }
        catch (IOException) { } // reset by the server: closed as well
        return Encoding.UTF8.GetString(received.ToArray());
    }
}
