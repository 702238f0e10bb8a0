using System.Diagnostics;

namespace BwpOrders.Packaging.Tests;

/// <summary>
/// The artefacts as a user gets them, built once for the whole run into a temporary folder: the linux-x64 binary
/// (<c>scripts/publish.sh linux-x64 DIR</c>), the package folder (<c>scripts/pack.sh DIR</c>), and the tool installed
/// from it (<c>dotnet tool install --tool-path</c>).
/// </summary>
public sealed class Packages : IAsyncLifetime
{
    public const string PackageId = "BwpOrders";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "bwp-packaging", Guid.NewGuid().ToString("N"));

    public string BinaryFolder => Path.Combine(_root, "linux-x64");
    public string Binary => Path.Combine(BinaryFolder, "bwp-orders");
    public string PackageFolder => Path.Combine(_root, "nupkg");
    public string ToolFolder => Path.Combine(_root, "tools");
    public string Tool => Path.Combine(ToolFolder, "bwp-orders");

    /// <summary>The package's version, read from the file name pack.sh wrote (BwpOrders.VERSION.nupkg).</summary>
    public string Version { get; private set; } = "";

    /// <summary>An empty NuGet packages folder of this run's own, so no package of an earlier run is taken from the cache.</summary>
    public string NuGetPackages => Path.Combine(_root, "nuget-packages");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await RunAsync(ownNuGetCache: false, "bash", "scripts/publish.sh", "linux-x64", BinaryFolder);
        await RunAsync(ownNuGetCache: false, "bash", "scripts/pack.sh", PackageFolder);
        Version = Directory.GetFiles(PackageFolder, "*.nupkg").Select(Path.GetFileName)
            .Select(name => System.Text.RegularExpressions.Regex.Match(name!, $@"^{PackageId}\.(\d.*)\.nupkg$")).Single(m => m.Success).Groups[1].Value;
        await RunAsync(ownNuGetCache: true, "dotnet", "tool", "install", "--tool-path", ToolFolder, "--add-source", PackageFolder, PackageId, "--version", Version);
    }

    /// <summary>
    /// Runs a command from the repository root to completion and fails with its output if it fails. The output goes to
    /// a file, not a pipe: build servers it leaves running would hold a pipe open long after it ended.
    /// </summary>
    /// <param name="ownNuGetCache">Use <see cref="NuGetPackages"/> (installing our package), not the machine's cache (building).</param>
    public Task<string> RunAsync(bool ownNuGetCache, string file, params string[] args) => RunAsync(ownNuGetCache, null, file, args);

    /// <param name="environment">Variables to set for the command, after the test run's own are left out.</param>
    public Task<string> RunAsync(bool ownNuGetCache, IReadOnlyDictionary<string, string>? environment, string file, params string[] args)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (ownNuGetCache) variables["NUGET_PACKAGES"] = NuGetPackages;
        return Repository.RunAsync(_root, variables, file, args);
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<Packages>
{
    public const string Name = "packages";
}

/// <summary>The repository the tests run from, and the environment its commands and the servers get.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// Leaves out what the test run itself set: MSBuild's variables from <c>dotnet test</c> (a nested build must pick
    /// its own) and any <c>BWP_*</c> setting.
    /// </summary>
    public static void Isolate(ProcessStartInfo info)
    {
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("BWP_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
    }

    /// <summary>
    /// Runs a command from the repository root to completion and fails with its output if it fails. The output goes to
    /// a file in <paramref name="logFolder"/>, not a pipe: build servers it leaves running would hold a pipe open long
    /// after it ended.
    /// </summary>
    public static async Task<string> RunAsync(string logFolder, IReadOnlyDictionary<string, string> environment, string file, params string[] args)
    {
        var log = Path.Combine(logFolder, $"run-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo("bash") { WorkingDirectory = Root, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >\"$LOG\" 2>&1");
        info.ArgumentList.Add("bash");
        info.ArgumentList.Add(file);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["LOG"] = log;
        Isolate(info);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // a hang guard, not a speed limit
        await process.WaitForExitAsync(timeout.Token);
        var output = await File.ReadAllTextAsync(log);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{output}");
        return output;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BwpOrders.sln")) && File.Exists(Path.Combine(dir.FullName, "scripts", "publish.sh"))) return dir.FullName;
        throw new DirectoryNotFoundException("the repository (BwpOrders.sln, scripts/publish.sh) not found above " + AppContext.BaseDirectory);
    }
}
