using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BwpOrders.Domain.Access;
using BwpOrders.Storage;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// The server as a separate OS process (the built command line, bwp-orders.dll, run by dotnet), so a test can kill it
/// with SIGKILL and start it again on the same storage.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The command line's assembly, copied next to the tests' by their reference to src/BwpOrders.Cli.</summary>
    public static readonly string Dll = System.IO.Path.Combine(AppContext.BaseDirectory, "bwp-orders.dll");

    private readonly Process _process;

    public Uri BaseAddress { get; }
    public ApiClient Api { get; }
    public TokenSource Tokens { get; }

    /// <summary>Everything the process wrote to stdout and stderr so far, line by line.</summary>
    public IReadOnlyCollection<string> Output { get; private init; } = [];

    private ServerProcess(Process process, Uri baseAddress, string storage)
    {
        _process = process;
        BaseAddress = baseAddress;
        // Longer than the server's request timeout (30 s): a late answer is seen as late, not lost to the client's own timeout.
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Tokens = new TokenSource(http, new CredentialService(StorageSpec.Open(storage).Credentials, TimeProvider.System));
        Api = new ApiClient(http, Tokens.ForTarget);
    }

    /// <param name="environment">Extra environment variables for the process (runtime settings, configuration).</param>
    /// <param name="listenOn">The address the server listens on (tests reach it on 127.0.0.1 either way).</param>
    /// <param name="arguments">Extra <c>serve</c> options.</param>
    public static async Task<ServerProcess> StartAsync(string storage, IReadOnlyDictionary<string, string>? environment = null, string listenOn = "127.0.0.1",
        params string[] arguments)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Dll, "serve", "--urls", $"http://{listenOn}:{port}", "--storage", storage },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["Limits__RequestsPerSecond"] = "100000", ["Limits__RequestBurst"] = "100000" },
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return await LaunchAsync(info, port, storage);
    }

    /// <summary>
    /// The server with its stdout a terminal, as a person running it sees it: under util-linux's <c>script</c>, which
    /// gives it a pseudo-terminal and copies what it prints to this process.
    /// </summary>
    public static async Task<ServerProcess> StartAtTerminalAsync(string storage)
    {
        var port = FreePort();
        var command = $"exec dotnet '{Dll}' serve --urls http://127.0.0.1:{port} --storage '{storage}'";
        var info = new ProcessStartInfo("script")
        {
            ArgumentList = { "--quiet", "--return", "--flush", "--command", command, "/dev/null" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return await LaunchAsync(info, port, storage);
    }

    private static async Task<ServerProcess> LaunchAsync(ProcessStartInfo info, int port, string storage)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the server process");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // Keep the output (tests read the logs) and drain it so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), storage) { Output = output };
        await server.WaitUntilHealthyAsync();
        return server;
    }

    /// <summary>The output so far, once a line starting with <paramref name="start"/> is in it (the server prints some lines after it answers /healthz).</summary>
    public Task<List<string>> WaitForOutputAsync(string start) =>
        WaitForOutputAsync(l => l.StartsWith(start, StringComparison.Ordinal), $"no line starting with '{start}'");

    /// <summary>The output so far, once a line <paramref name="matches"/> is in it (log lines reach this process a little after the server writes them).</summary>
    public async Task<List<string>> WaitForOutputAsync(Func<string, bool> matches, string missing)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Output.Any(matches))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{missing} in:\n{string.Join("\n", Output)}");
            await Task.Delay(50);
        }
        return [.. Output];
    }

    /// <summary>Runs one CLI command of the server executable to completion.</summary>
    public static Task<(int ExitCode, string Output)> RunCliAsync(params string[] args) => RunCliAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs one CLI command (or a <c>serve</c> that is expected to refuse to start) with extra environment variables.</summary>
    public static async Task<(int ExitCode, string Output)> RunCliAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>SIGTERM, as a container runtime or a service manager stops the server; returns how long it took to exit.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan patience)
    {
        var started = Stopwatch.GetTimestamp();
        if (Kill(_process.Id, 15) != 0) throw new InvalidOperationException("could not send SIGTERM");
        using var wait = new CancellationTokenSource(patience);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
            throw new TimeoutException($"the server did not exit within {patience.TotalSeconds} s of SIGTERM");
        }
        return Stopwatch.GetElapsedTime(started);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static extern int Kill(int pid, int signal);

    /// <summary>SIGKILL: no shutdown hooks, no flushing — whatever is not durable is lost.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"server exited with {_process.ExitCode}");
            try
            {
                using var response = await Api.Http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException("server did not become healthy");
    }

    /// <summary>
    /// A loopback port free now, for a process started next. Below Linux's ephemeral range (32768+): a port the OS
    /// handed out for binding to 0 is an ephemeral one, which any outgoing connection of the suite may take before the
    /// server binds it ("address already in use", seen in a clean-clone run). Never the same one twice in a run.
    /// </summary>
    internal static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20000, 32000);
            lock (HandedOut)
                if (!HandedOut.Add(port)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { } // in use: try another
        }
    }

    private static readonly HashSet<int> HandedOut = [];

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) KillHard();
        _process.Dispose();
        Api.Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
