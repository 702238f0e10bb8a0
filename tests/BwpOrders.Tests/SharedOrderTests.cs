using System.Text.Json.Nodes;
using BwpOrders.Domain.Commands;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Readers of one version of an order share one deserialized instance (<see cref="BwpOrders.Storage.Relational.SharedOrders"/>).
/// What that must never cost: a read that misses a write (by this process or another on the same database), a
/// writer changing what readers hold, or a reader's change going unnoticed.
/// </summary>
public sealed class SharedOrderTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    private OrderLookup Named(string id) => new(OrderId: id);

    [Fact]
    public async Task Readers_of_one_version_share_it_and_a_write_by_another_process_is_read_at_once()
    {
        // A store of its own on the server's database: the server's writes are another process's to it.
        var store = StorageSpec.Open(server.Storage).Orders;
        var order = await _setup.Create();

        // A first read is remembered, not kept; the second is kept and shared from then on.
        var once = await store.FindAsync(_setup.Target, Named(order.Id));
        var first = await store.FindAsync(_setup.Target, Named(order.Id));
        Assert.NotSame(once, first);
        Assert.Same(first, await store.FindAsync(_setup.Target, Named(order.Id)));

        (await _setup.Update(order.Id, new JsonObject { ["totalPrice"] = Total(77.5m) })).AssertSuccess();
        var after = await store.FindAsync(_setup.Target, Named(order.Id));
        Assert.Equal(first!.Version + 1, after!.Version);
        Assert.Equal(77.5m, after.Order.TotalPrice!.Value!.Amount);
        // What the earlier readers hold is the version they read.
        Assert.NotEqual(77.5m, first.Order.TotalPrice?.Value?.Amount);

        // Found by alias id too, and shared the same way.
        Assert.Same(after, await store.FindAsync(_setup.Target, new OrderLookup(IdOrAliasId: order.Id)));
    }

    [Fact]
    public async Task A_writer_is_given_an_order_of_its_own_and_readers_keep_theirs_unchanged()
    {
        var store = StorageSpec.Open(server.Storage).Orders;
        var order = await _setup.Create();
        await store.FindAsync(_setup.Target, Named(order.Id));
        var read = await store.FindAsync(_setup.Target, Named(order.Id));
        Assert.Same(read, await store.FindAsync(_setup.Target, Named(order.Id)));
        var before = BwpOrders.Domain.OrderJson.Serialize(read!.Order);

        var given = new List<object>();
        var result = await store.UpdateAsync(_setup.Target, Named(order.Id), mine =>
        {
            given.Add(mine);
            mine.Metadata.ExecutionState = "CHANGED_BY_THE_WRITER"; // as a rule would, before deciding there is nothing to store
            return null;
        });

        Assert.NotNull(result);
        Assert.DoesNotContain(read.Order, given);
        Assert.Equal(before, BwpOrders.Domain.OrderJson.Serialize(read.Order));
        Assert.Equal(before, BwpOrders.Domain.OrderJson.Serialize((await store.FindAsync(_setup.Target, Named(order.Id)))!.Order));
    }

    [Fact]
    public async Task A_reader_that_changes_a_shared_order_is_caught_when_verifying()
    {
        var store = StorageSpec.Open(server.Storage, new StorageOptions { VerifySharedOrders = true }).Orders;
        var order = await _setup.Create();
        await store.FindAsync(_setup.Target, Named(order.Id));
        var read = await store.FindAsync(_setup.Target, Named(order.Id));
        Assert.Same(read, await store.FindAsync(_setup.Target, Named(order.Id)));

        read!.Order.LineItems.Clear();
        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => store.FindAsync(_setup.Target, Named(order.Id)));
        Assert.Contains(order.Id, caught.Message);
    }

    [Fact]
    public async Task With_no_budget_every_read_deserializes_its_own()
    {
        var store = StorageSpec.Open(server.Storage, new StorageOptions { OrderCacheBytes = 0 }).Orders;
        var order = await _setup.Create();
        var reads = new List<object?>();
        for (var i = 0; i < 3; i++) reads.Add(await store.FindAsync(_setup.Target, Named(order.Id)));
        Assert.Equal(3, reads.Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    private static JsonObject Total(decimal amount) => new() { ["value"] = new JsonObject { ["amount"] = amount, ["currencyCode"] = "USD" } };
}
