using System.Diagnostics;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>The JS test tools in tests/e2e (installed by ./test.sh with npm ci).</summary>
public static class E2e
{
    public static readonly string? FolderOrNull = FindFolder();

    public static string Folder => FolderOrNull ?? throw new InvalidOperationException("tests/e2e not found");

    public const string NotInstalled = "needs Node.js and tests/e2e's packages: run ./test.sh (it runs npm ci there)";

    public static bool Installed => FolderOrNull is not null && Directory.Exists(Path.Combine(FolderOrNull, "node_modules")) && NodeOnPath();

    /// <summary>
    /// Runs a tests/e2e script against the server's /graphql as <paramref name="target"/> in <paramref name="version"/>
    /// (a script that tries every version, such as explorer.mjs, takes none), with any other variables it reads.
    /// BWP_E2E_ARTIFACTS, where a script saves screenshots, is passed on from the test's environment.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, ServerFixture server, string target, string? version = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["BWP_URL"] = new Uri(server.BaseAddress, "/graphql").ToString(),
                ["BWP_TOKEN"] = await server.Tokens.ForTarget(target),
                ["BWP_TARGET"] = target,
            },
        };
        if (version is not null) info.Environment["BWP_VERSION"] = version;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var node = Process.Start(info)!;
        var output = await node.StandardOutput.ReadToEndAsync() + await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        return (node.ExitCode, output);
    }

    private static string? FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "e2e");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        return null;
    }

    private static bool NodeOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "node")));
}

/// <summary>A test that needs Node.js and tests/e2e's packages; skipped, saying how to run it, when they are missing.</summary>
public sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute()
    {
        if (!E2e.Installed) Skip = E2e.NotInstalled;
    }
}

/// <inheritdoc cref="NodeTheoryAttribute"/>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!E2e.Installed) Skip = E2e.NotInstalled;
    }
}

/// <summary>
/// A browser test: Node.js and tests/e2e's packages as <see cref="NodeFactAttribute"/>, and run on the SQLite pass only.
/// It tests pages (what they show, their keyboard order, axe-core, the origins they reach); what they read and write
/// goes through the same handlers the HTTP tests run on both engines, and a second Chromium run would double its time.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!E2e.Installed) Skip = E2e.NotInstalled;
        else if (TestStorage.Engine == "postgres") Skip = "a browser test: it runs on the SQLite pass";
    }
}
