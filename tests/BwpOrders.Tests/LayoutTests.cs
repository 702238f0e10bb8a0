using System.Text.RegularExpressions;

namespace BwpOrders.Tests;

/// <summary>
/// The layout README "Layout" describes holds: versions are named only in ApiVersion, the domain knows nothing of
/// HTTP or GraphQL, and files stay small. Checked on the source, so a change that breaks them fails here.
/// </summary>
public sealed partial class LayoutTests
{
    private static readonly string Root = Infrastructure.RepositoryRoot.Path;

    [Fact]
    public void No_code_outside_ApiVersion_names_a_version()
    {
        var named = Code("src")
            .Where(f => !f.Path.EndsWith(Path.Combine("Api", "ApiVersion.cs")))
            .SelectMany(f => f.Lines.Where(l => VersionLiteral().IsMatch(l.Text)).Select(l => $"{f.Path}:{l.Number}: {l.Text.Trim()}"))
            .ToList();
        Assert.True(named.Count == 0, "version literals outside Api/ApiVersion.cs (ask the version for a capability instead):\n" + string.Join("\n", named));
    }

    [Fact]
    public void The_domain_references_nothing_of_ASP_NET_GraphQL_HTTP_or_a_database()
    {
        var references = typeof(Domain.OrderService).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var foreign = references.Where(n => new[] { "GraphQL", "Microsoft.AspNetCore", "System.Net.Http", "Npgsql", "Microsoft.Data.Sqlite" }
            .Any(n.StartsWith)).ToList();
        Assert.True(foreign.Count == 0, $"BwpOrders.Domain references {string.Join(", ", foreign)}");
        Assert.Contains("System.Runtime", references); // the check sees the references at all

        var http = Code(Path.Combine("src", "BwpOrders.Domain"))
            .SelectMany(f => f.Lines.Where(l => HttpVocabulary().IsMatch(l.Text)).Select(l => $"{f.Path}:{l.Number}: {l.Text.Trim()}"))
            .ToList();
        Assert.True(http.Count == 0, "HTTP or GraphQL vocabulary in the domain:\n" + string.Join("\n", http));
    }

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        var large = Code("src").Concat(Code("tests")).Where(f => f.Lines.Count > 400).Select(f => $"{f.Path}: {f.Lines.Count} lines").ToList();
        Assert.True(large.Count == 0, "split these by what they do:\n" + string.Join("\n", large));
    }

    private sealed record SourceLine(int Number, string Text);

    private sealed record SourceFile(string Path, List<SourceLine> Lines);

    /// <summary>The C# files under <paramref name="folder"/> (no build output), each line without its comment.</summary>
    private static IEnumerable<SourceFile> Code(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(p => new SourceFile(Path.GetRelativePath(Root, p),
                File.ReadAllLines(p).Select((text, i) => new SourceLine(i + 1, LineComment().Replace(text, ""))).ToList()));


    /// <summary>A quoted date-shaped string, as a version is written: "2024-11-01".</summary>
    [GeneratedRegex("\"\\d{4}-\\d{2}-\\d{2}\"")]
    private static partial Regex VersionLiteral();

    /// <summary>Status codes and GraphQL's request types, and input paths such as "input.lineItems".</summary>
    [GeneratedRegex(@"StatusCodes\.|HttpStatusCode|IResolveFieldContext|ExecutionError|""input\.|\$""input\.")]
    private static partial Regex HttpVocabulary();

    /// <summary>A // comment to the end of the line (not inside a string: "https://..." keeps its text).</summary>
    [GeneratedRegex(@"(?<![:""])//.*$")]
    private static partial Regex LineComment();
}
