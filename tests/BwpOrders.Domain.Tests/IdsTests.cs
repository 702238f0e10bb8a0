using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="Ids"/> and <see cref="IdSource"/>: ids keep BwP's shapes; a seeded source repeats its sequence, a flow
/// uses the source it chose and no other, and concurrent callers of one seeded source never get the same id.
/// </summary>
public sealed class IdsTests
{
    private static List<string> Draw(IdSource source)
    {
        source.Use();
        return [Ids.NewOrderId(), Ids.NewItemId(), Ids.NewRefundId(), Ids.NewGuid(), "RMA" + Ids.NewNumber(10_000_000, 100_000_000), Ids.NewHex(8)];
    }

    [Fact]
    public async Task A_seeded_source_gives_the_same_ids_for_the_same_seed_and_other_ids_for_another()
    {
        var first = await Task.Run(() => Draw(IdSource.Seeded(7)));
        Assert.Equal(first, await Task.Run(() => Draw(IdSource.Seeded(7))));
        Assert.NotEqual(first, await Task.Run(() => Draw(IdSource.Seeded(8))));
        Assert.Matches("^[0-9]{3}-[A-Z2-9]{4}-[A-Z2-9]{6}$", first[0]);
        Assert.Matches("^[a-z0-9]{14}$", first[1]);
        Assert.Matches("^[0-9a-f]{64}$", first[2]);
        Assert.Equal(4, Guid.Parse(first[3]).Version);
    }

    [Fact]
    public async Task A_flow_without_a_chosen_source_draws_random_ids_even_while_another_flow_uses_a_seeded_one()
    {
        var seeded = IdSource.Seeded(7);
        var expected = await Task.Run(() => Draw(IdSource.Seeded(7)));
        await Task.Run(() => seeded.Use()); // chosen inside that flow only
        Assert.Same(IdSource.Random, IdSource.Current);
        Assert.Equal(expected, await Task.Run(() => Draw(seeded))); // the random draws above took nothing from it
    }

    [Fact]
    public async Task Concurrent_callers_of_one_seeded_source_get_distinct_ids()
    {
        var source = IdSource.Seeded(1);
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 2000).Select(_ => source.ItemId()).ToList())));
        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
