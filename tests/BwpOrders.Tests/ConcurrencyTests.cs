using System.Text.Json.Nodes;
using BwpOrders.Domain.Commands;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Concurrent updates to one order never lose a write.</summary>
public sealed class ConcurrencyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Fact]
    public async Task Fifty_parallel_refund_additions_to_one_order_all_survive()
    {
        const int writers = 50;
        var order = await _setup.Create();

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => _setup.Update(order.Id, RefundInput($"refund-{i}", order.LineItemId))));

        Assert.All(responses, r => r.AssertSuccess());
        var stored = await _setup.Read(order.Id, "refunds { details { aliases { aliasId } } }");
        var aliases = stored["refunds"]!["details"]!.AsArray().Select(d => (string)d!["aliases"]![0]!["aliasId"]!).Order().ToList();
        Assert.Equal(Enumerable.Range(0, writers).Select(i => $"refund-{i}").Order(), aliases);

        // One version per accepted write, gap-free, and exactly one set of events per version.
        var record = await server.Store.FindAsync(_setup.Target, new OrderLookup(OrderId: order.Id));
        Assert.Equal(writers + 1, record!.Version);
        var changes = await server.Store.ReadChangesAsync(_setup.Target, order.Id);
        Assert.Equal(Enumerable.Range(1, writers + 1).Select(v => (long)v), changes.Select(c => c.Version));
        var events = await server.Store.ReadOutboxAsync(_setup.Target, order.Id);
        Assert.Equal(Enumerable.Range(2, writers).Select(v => (long)v), events.Where(e => e.EventType == "REFUND_COMPLETED").Select(e => e.OrderVersion).Order());
    }

    [Fact]
    public async Task Parallel_creates_with_one_alias_produce_exactly_one_order()
    {
        var aliases = OrderSetup.Aliases(("EXTERNAL_ID", "same-" + Guid.NewGuid()));
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try { await _setup.Create(aliases: (JsonArray)aliases.DeepClone()); return true; }
            catch (Xunit.Sdk.XunitException) { return false; }
        }));

        Assert.Equal(1, attempts.Count(created => created));
    }

    internal static JsonObject RefundInput(string alias, string lineItemId) => new()
    {
        ["refunds"] = new JsonObject
        {
            ["details"] = new JsonArray(new JsonObject
            {
                ["aliases"] = OrderSetup.Aliases(("EXTERNAL_REFUND_ID", alias)),
                ["refundTotal"] = new JsonObject { ["totalAmount"] = new JsonObject { ["amount"] = 1, ["currencyCode"] = "USD" } },
                ["state"] = "SUCCESS",
                ["refundFor"] = new JsonObject { ["orderLineItems"] = new JsonArray(new JsonObject { ["lineItemId"] = new JsonObject { ["lineItemId"] = lineItemId } }) },
            }),
        },
    };
}
