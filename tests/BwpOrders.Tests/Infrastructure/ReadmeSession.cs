using System.Diagnostics;
using System.Text.RegularExpressions;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// Runs README blocks one after another as a reader would in one folder: each with <c>bash -euo pipefail</c> in its
/// own process group, in a fresh temporary working directory (so the default store <c>./data/bwp-orders.db</c> is
/// the session's own), with the variables the earlier blocks set. What differs from a reader's terminal, and only this:
/// <list type="bullet">
/// <item><c>dotnet run --project src/BwpOrders.Cli --</c> runs the already built <c>bwp-orders.dll</c>
/// (<c>dotnet run</c> builds first: 10-40 s a block); it runs in the session's folder, where <c>dotnet run</c> runs in
/// the project folder, so the blocks share the default store either way;</item>
/// <item>the ports 8080 (the server) and 9000 (the events block's endpoint) become free ones, and
/// <c>ASPNETCORE_URLS</c> points a <c>serve</c> without <c>--urls</c> at the first;</item>
/// <item>the environment has no <c>BWP_*</c> variable of the test run's own.</item>
/// </list>
/// A block that serves runs until its server answers <c>/healthz</c> and stays up for the blocks after it (a later
/// one that serves stops it first: same port); every other block must end within <see cref="Timeout"/>, and its
/// process group (anything it started in the background) is killed when it does.
/// </summary>
public sealed class ReadmeSession : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bwp-readme", Guid.NewGuid().ToString("N"));
    private readonly int _port = ServerProcess.FreePort();
    private readonly int _hookPort = ServerProcess.FreePort();
    private readonly ReadmePostgres? _postgres;
    private Process? _server;
    private int _blocks;

    public ReadmeSession(bool postgres)
    {
        Directory.CreateDirectory(_directory);
        // The blocks run "from the repository root": the files they read from it are here too.
        Directory.CreateDirectory(System.IO.Path.Combine(_directory, "samples"));
        File.Copy(System.IO.Path.Combine(RepositoryRoot.Path, "samples", "catalog.json"), System.IO.Path.Combine(_directory, "samples", "catalog.json"));
        if (postgres) _postgres = new ReadmePostgres();
    }

    /// <summary>Runs one block; throws, naming it and showing its output, if it fails or prints less than it declares.</summary>
    public async Task RunAsync(ReadmeBlock block)
    {
        var number = ++_blocks;
        var log = System.IO.Path.Combine(_directory, $"block{number:D2}.log");
        var script = System.IO.Path.Combine(_directory, $"block{number:D2}.sh");
        await File.WriteAllTextAsync(script, Wrap(Prepare(block), log, number));
        if (block.Serves) await StopServerAsync();
        var process = Start(script);
        try
        {
            if (block.Serves) await WaitUntilServingAsync(process, block, log);
            else await WaitForExitAsync(process, block, log);
            await ExpectAsync(block, log, process);
        }
        finally
        {
            if (block.Serves) _server = process;
            else KillGroup(process);
        }
    }

    /// <summary>The block as it runs: its declared omissions and replacements, then the session's substitutions.</summary>
    private string Prepare(ReadmeBlock block)
    {
        var lines = block.Text.Split('\n').ToList();
        foreach (var omit in block.Omit)
            if (lines.RemoveAll(l => l.TrimStart().StartsWith(omit, StringComparison.Ordinal)) == 0) Fail(block, $"no line starts with '{omit}' to omit", "");
        var text = string.Join('\n', lines);
        foreach (var (old, @new) in block.Replace)
        {
            if (!text.Contains(old, StringComparison.Ordinal)) Fail(block, $"'{old}' to replace is not in the block", "");
            text = text.Replace(old, _postgres?.Fill(@new) ?? @new, StringComparison.Ordinal);
        }
        text = text.Replace("dotnet run --project src/BwpOrders.Cli --", $"dotnet '{ServerProcess.Dll}'", StringComparison.Ordinal);
        text = Regex.Replace(text, @"\b8080\b", _port.ToString());
        return Regex.Replace(text, @"\b9000\b", _hookPort.ToString());
    }

    /// <summary>Output to the block's log; earlier blocks' variables in; the block's new variables out, for later blocks.</summary>
    private string Wrap(string text, string log, int number) => $$"""
        exec >'{{log}}' 2>&1
        for readme_state in ./.readme-state-*; do if [[ -e $readme_state ]]; then source "$readme_state"; fi; done
        readme_before=" $(compgen -v | tr '\n' ' ') "
        {{text}}
        for readme_name in $(compgen -v); do
          if [[ $readme_before != *" $readme_name "* && $readme_name != BASH* && $readme_name != _* && $readme_name != readme_* ]]; then declare -p "$readme_name"; fi
        done > ./.readme-state-{{number:D2}}
        """;

    private Process Start(string script)
    {
        // setsid: the block and whatever it leaves in the background form one process group, killed as one.
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = _directory, UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in new[] { "bash", "-euo", "pipefail", script }) info.ArgumentList.Add(argument);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("BWP_", StringComparison.Ordinal)).ToList()) info.Environment.Remove(name);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}";
        foreach (var (name, value) in _postgres?.ClientEnvironment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        return process;
    }

    private static async Task WaitForExitAsync(Process process, ReadmeBlock block, string log)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { KillGroup(process); Fail(block, $"did not end within {Timeout.TotalSeconds} s", Read(log)); }
        if (process.ExitCode != 0) Fail(block, $"exited with {process.ExitCode}", Read(log));
    }

    private async Task WaitUntilServingAsync(Process process, ReadmeBlock block, string log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Fail(block, $"exited with {process.ExitCode} before its server answered /healthz", Read(log));
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{_port}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        KillGroup(process);
        Fail(block, $"its server did not answer /healthz within {Timeout.TotalSeconds} s", Read(log));
    }

    /// <summary>A server block may print what it declares just after it listens: give it a few seconds.</summary>
    private static async Task ExpectAsync(ReadmeBlock block, string log, Process process)
    {
        var deadline = DateTime.UtcNow + (block.Serves ? TimeSpan.FromSeconds(5) : TimeSpan.Zero);
        while (true)
        {
            var output = Read(log);
            var missing = block.Expect.Where(e => !output.Contains(e, StringComparison.Ordinal)).ToList();
            if (missing.Count == 0) return;
            if (DateTime.UtcNow >= deadline || process.HasExited)
                Fail(block, "did not print: " + string.Join(" | ", missing.Select(m => $"'{m}'")), output);
            await Task.Delay(100);
        }
    }

    private async Task StopServerAsync()
    {
        if (_server is null) return;
        KillGroup(_server);
        await _server.WaitForExitAsync();
        _server.Dispose();
        _server = null;
        // The server is a child of the block's bash: wait until the port is free before the next one binds it.
        for (var i = 0; i < 50 && PortOpen(); i++) await Task.Delay(100);
    }

    private bool PortOpen()
    {
        using var client = new System.Net.Sockets.TcpClient();
        try { client.Connect("127.0.0.1", _port); return true; }
        catch (System.Net.Sockets.SocketException) { return false; }
    }

    private static void KillGroup(Process process) => ServerProcess.Kill(-process.Id, 9);

    private static string Read(string log) => File.Exists(log) ? File.ReadAllText(log) : "";

    private static void Fail(ReadmeBlock block, string what, string output) =>
        throw new Xunit.Sdk.XunitException($"README block '{block.Name}' (README.md line {block.Line}) {what}.\n--- its output ---\n{output}");

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
