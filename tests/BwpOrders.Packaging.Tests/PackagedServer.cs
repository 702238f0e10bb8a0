using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BwpOrders.Packaging.Tests;

/// <summary>
/// A shipped command (the binary, the installed tool) running <c>serve</c> as its own process on a free loopback port,
/// with a fresh SQLite store in a temporary folder that is also its working directory, talked to as a merchant would.
/// </summary>
public sealed class PackagedServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _folder;

    public HttpClient Http => Api.Http;
    public MerchantApi Api { get; }
    public string Output => string.Join("\n", _output);

    private PackagedServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Api = new MerchantApi(new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <param name="options">More options for <c>serve</c>.</param>
    public static PackagedServer Start(string command, params string[] options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bwp-packaging-run", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var info = new ProcessStartInfo(command)
        {
            ArgumentList = { "serve", "--urls", $"http://127.0.0.1:{port}", "--storage", $"sqlite:{Path.Combine(folder, "bwp.db")}" },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var option in options) info.ArgumentList.Add(option);
        Repository.Isolate(info);
        return new PackagedServer(Process.Start(info) ?? throw new InvalidOperationException($"could not start {command}"), folder, port);
    }

    /// <summary>The sandbox credential a first start prints, once it has printed it (after it listens).</summary>
    public async Task<(string ClientId, string ClientSecret, string TargetId)> SandboxCredentialAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // a hang guard, not a speed limit
        while (!_output.Any(l => l.TrimStart().StartsWith("scopes:", StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with {_process.ExitCode}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no sandbox credential printed:\n{Output}");
            await Task.Delay(50);
        }
        string Field(string name) => Regex.Match(Output, $@"{name}:\s+(\S+)").Groups[1].Value;
        return (Field("client id"), Field("client secret"), Field("target id"));
    }

    /// <summary>SIGTERM, as a service manager or a container runtime stops it; its exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        if (Kill(_process.Id, 15) != 0) throw new InvalidOperationException("could not send SIGTERM");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang guard, not a speed limit
        await _process.WaitForExitAsync(patience.Token);
        return _process.ExitCode;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        Api.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
