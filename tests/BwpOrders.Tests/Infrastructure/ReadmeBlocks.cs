using System.Text.RegularExpressions;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// One fenced shell block of README.md (a fence with no language, or sh, bash, shell) and what the
/// <c>&lt;!-- readme-test ... --&gt;</c> comment right above it declares (see <see cref="ReadmeBlocks"/>).
/// </summary>
public sealed record ReadmeBlock(string Name, int Line, string Text)
{
    /// <summary>The block this one runs after, in the same working directory, with its variables.</summary>
    public string? After { get; init; }

    /// <summary>The block leaves a server running: it is ready when <c>/healthz</c> answers.</summary>
    public bool Serves { get; init; }

    /// <summary>Why the block is not run; null when it is.</summary>
    public string? Skip { get; init; }

    public bool NeedsPostgres { get; init; }

    /// <summary>Text its output must contain.</summary>
    public IReadOnlyList<string> Expect { get; init; } = [];

    /// <summary>Text replaced before it runs ({postgres}, {database}: the test's PostgreSQL database).</summary>
    public IReadOnlyList<(string Old, string New)> Replace { get; init; } = [];

    /// <summary>Lines (by how they start) left out, each with the reason after " -- ".</summary>
    public IReadOnlyList<string> Omit { get; init; } = [];

    public override string ToString() => Name;
}

/// <summary>
/// Reads README.md's shell blocks. Each needs a comment on the lines just above its fence:
/// <code>
/// &lt;!-- readme-test
/// name: NAME               (optional; defaults to the section's heading)
/// after: NAME              (run that block, and what it runs after, first)
/// serves                   (the block ends in a server that keeps running)
/// needs: postgres          (runs only with a PostgreSQL test server)
/// expect: TEXT             (its output contains TEXT; any number)
/// replace: OLD => NEW      (before it runs; NEW may use {postgres} and {database})
/// omit: LINE START -- WHY  (that line is left out)
/// skip: WHY                (not run at all)
/// --&gt;
/// </code>
/// A block that declares neither an outcome (expect, serves) nor a reason to skip is a problem, so no block
/// goes untested unnoticed. Other fences (text, json, ...) are not shell and are left alone.
/// </summary>
public static class ReadmeBlocks
{
    private static readonly HashSet<string> Shell = ["", "sh", "bash", "shell"];

    public static string Path { get; } = FindReadme();

    /// <summary>The blocks, and what is wrong with the markers (unknown directives, blocks with no outcome, ...).</summary>
    public static (IReadOnlyList<ReadmeBlock> Blocks, IReadOnlyList<string> Problems) Parse(string[] lines)
    {
        var blocks = new List<ReadmeBlock>();
        var problems = new List<string>();
        string heading = "";
        (int Line, List<string> Directives)? comment = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimEnd() == "<!-- readme-test")
            {
                var end = Array.FindIndex(lines, i, l => l.Trim() == "-->");
                if (end < 0) { problems.Add($"line {i + 1}: readme-test comment never closed"); break; }
                comment = (end, lines[(i + 1)..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToList());
                i = end;
                continue;
            }
            var fence = Regex.Match(line, @"^```\s*(\S*)\s*$");
            if (!fence.Success)
            {
                if (line.StartsWith('#')) heading = line.TrimStart('#').Trim();
                continue;
            }
            var close = Array.FindIndex(lines, i + 1, l => l.TrimEnd() == "```");
            if (close < 0) { problems.Add($"line {i + 1}: fence never closed"); break; }
            var attached = comment is { } c && c.Line == i - 1 ? c.Directives : null;
            if (comment is { } orphan && attached is null) problems.Add($"line {orphan.Line + 1}: readme-test comment not directly above a fence");
            comment = null;
            if (Shell.Contains(fence.Groups[1].Value))
                blocks.Add(Read(new ReadmeBlock(heading, i + 1, string.Join('\n', lines[(i + 1)..close])), attached, problems));
            else if (attached is not null)
                problems.Add($"line {i + 1}: readme-test comment on a '{fence.Groups[1].Value}' block, which is not run");
            i = close;
        }
        Check(blocks, problems);
        return (blocks, problems);
    }

    public static (IReadOnlyList<ReadmeBlock> Blocks, IReadOnlyList<string> Problems) Parse() => Parse(File.ReadAllLines(Path));

    /// <summary>The block and every block it runs after, first first.</summary>
    public static IReadOnlyList<ReadmeBlock> Chain(IReadOnlyList<ReadmeBlock> blocks, ReadmeBlock last)
    {
        var chain = new List<ReadmeBlock> { last };
        while (chain[0].After is { } after && chain.Count <= blocks.Count)
            chain.Insert(0, blocks.Single(b => b.Name == after));
        return chain;
    }

    private static ReadmeBlock Read(ReadmeBlock block, List<string>? directives, List<string> problems)
    {
        var where = $"README.md line {block.Line} ('{block.Name}')";
        if (directives is null)
        {
            problems.Add($"{where}: a shell block with no readme-test comment above it (say what it should print, or why it is not run)");
            return block with { Skip = "no readme-test comment" };
        }
        List<string> expect = [], omit = [];
        List<(string, string)> replace = [];
        foreach (var directive in directives)
        {
            var (key, value) = directive.IndexOf(':') is var colon and > 0
                ? (directive[..colon].Trim(), directive[(colon + 1)..].Trim())
                : (directive, "");
            switch (key)
            {
                case "name": block = block with { Name = value }; break;
                case "after": block = block with { After = value }; break;
                case "serves": block = block with { Serves = true }; break;
                case "skip": block = block with { Skip = value }; break;
                case "needs" when value == "postgres": block = block with { NeedsPostgres = true }; break;
                case "expect": expect.Add(value); break;
                case "omit" when value.Contains(" -- "): omit.Add(value[..value.IndexOf(" -- ", StringComparison.Ordinal)]); break;
                case "replace" when value.Split(" => ") is [var old, var @new]: replace.Add((old, @new)); break;
                default: problems.Add($"{where}: unknown or malformed directive '{directive}'"); break;
            }
        }
        block = block with { Expect = expect, Omit = omit, Replace = replace };
        if (block.Skip is { Length: 0 }) problems.Add($"{where}: skip needs a reason");
        if (block.Skip is null && expect.Count == 0 && !block.Serves) problems.Add($"{where}: declares no outcome (expect or serves) and no skip reason");
        return block;
    }

    private static void Check(List<ReadmeBlock> blocks, List<string> problems)
    {
        foreach (var name in blocks.GroupBy(b => b.Name).Where(g => g.Count() > 1).Select(g => g.Key))
            problems.Add($"two blocks are named '{name}': give one a 'name:'");
        foreach (var block in blocks.Where(b => b.After is not null))
        {
            var after = blocks.FirstOrDefault(b => b.Name == block.After);
            if (after is null) problems.Add($"'{block.Name}' runs after '{block.After}', which is no block");
            else if (after.Skip is not null && block.Skip is null) problems.Add($"'{block.Name}' runs after '{block.After}', which is skipped");
        }
    }

    private static string FindReadme() => System.IO.Path.Combine(RepositoryRoot.Path, "README.md");
}
