using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Every shell block of README.md runs as written (see <see cref="ReadmeBlocks"/> for the markers and
/// <see cref="ReadmeSession"/> for the only substitutions), so a stale example fails the suite. Each case is a
/// block no other block runs after, run with the blocks it runs after, first to last; every block of the chain
/// must print what it declares.
/// </summary>
public sealed class ReadmeBlockTests
{
    private static readonly (IReadOnlyList<ReadmeBlock> Blocks, IReadOnlyList<string> Problems) Readme = ReadmeBlocks.Parse();

    public static TheoryData<string> Chains(bool postgres)
    {
        var run = Readme.Blocks.Where(b => b.Skip is null).ToList();
        var last = run.Where(b => !run.Any(other => other.After == b.Name));
        var data = new TheoryData<string>();
        foreach (var block in last.Where(b => ReadmeBlocks.Chain(run, b).Any(c => c.NeedsPostgres) == postgres)) data.Add(block.Name);
        return data;
    }

    [Fact]
    public void Every_shell_block_says_what_it_prints_or_why_it_is_not_run()
    {
        Assert.True(Readme.Problems.Count == 0, "README.md's readme-test markers:\n" + string.Join("\n", Readme.Problems));
        Assert.NotEmpty(Chains(false));
    }

    [SqlitePassTheory]
    [MemberData(nameof(Chains), false)]
    public Task Readme_blocks_run_as_written(string block) => RunChain(block, postgres: false);

    [PostgresTheory]
    [MemberData(nameof(Chains), true)]
    public Task Readme_blocks_on_PostgreSQL_run_as_written(string block) => RunChain(block, postgres: true);

    private static async Task RunChain(string name, bool postgres)
    {
        await using var session = new ReadmeSession(postgres);
        foreach (var block in ReadmeBlocks.Chain(Readme.Blocks, Readme.Blocks.Single(b => b.Name == name)))
            await session.RunAsync(block);
    }
}
