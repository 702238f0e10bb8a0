using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// A TCP relay on loopback between the server and its database that a test makes misbehave the way networks do:
/// <see cref="Freeze"/> (every connection, and every new one, stops carrying bytes: a partition, or a database that
/// stopped answering), <see cref="Thaw"/>, and <see cref="Drop"/> (every connection is reset: a failover).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private volatile TaskCompletionSource _flowing = Flowing();

    private TcpRelay(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TcpRelay To(string host, int port) => new(host, port);

    public void Freeze()
    {
        lock (_gate)
            if (_flowing.Task.IsCompleted) _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Thaw()
    {
        lock (_gate) _flowing.TrySetResult();
    }

    /// <summary>Resets every open connection (RST, as when a database host goes away); new ones are relayed as before.</summary>
    public void Drop()
    {
        foreach (var socket in _sockets.Keys) Reset(socket);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _sockets[client] = 0;
        _sockets[upstream] = 0;
        try
        {
            await _flowing.Task.WaitAsync(_stop.Token);
            await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception) { } // a reset or a stop ends the pair
        finally
        {
            _sockets.TryRemove(client, out _);
            _sockets.TryRemove(upstream, out _);
            client.Dispose();
        }
    }

    /// <summary>Bytes read while frozen are held until thawed, so the sender's writes succeed and nothing answers.</summary>
    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0) return;
            await _flowing.Task.WaitAsync(_stop.Token);
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0); // close with RST, not FIN
            socket.Close();
        }
        catch (ObjectDisposedException) { }
    }

    private static TaskCompletionSource Flowing()
    {
        var flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        flowing.SetResult();
        return flowing;
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        Drop();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
