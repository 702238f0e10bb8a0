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

    [Fact]
    public async Task Writes_committed_together_stand_or_fall_alone()
    {
        // Twenty orders, and at once: each gets a refund (valid) and a claim on one shared alias (valid for one order
        // only). Writes that arrive together share a transaction (group commit on SQLite); a refused one, which has
        // already written its order row when the alias index refuses it, must be rolled back alone.
        var orders = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _setup.Create()));
        var shared = OrderSetup.Aliases(("EXTERNAL_ID", "shared-" + Guid.NewGuid()));
        var refunds = orders.Select((o, i) => _setup.Update(o.Id, RefundInput($"refund-{i}", o.LineItemId))).ToList();
        var claims = orders.Select(o => _setup.Update(o.Id, new JsonObject { ["aliases"] = shared.DeepClone() })).ToList();
        await Task.WhenAll(refunds.Concat(claims));

        Assert.All(refunds, r => r.Result.AssertSuccess());
        var won = claims.Select((c, i) => (c.Result, Order: orders[i])).Where(c => c.Result.Errors.Count == 0).ToList();
        Assert.Single(won);
        Assert.All(claims.Where(c => c.Result.Errors.Count > 0), c => c.Result.AssertError("ValidationError", "AliasValueAlreadyExists"));
        foreach (var order in orders)
        {
            var expected = order == won[0].Order ? 3 : 2;
            Assert.Equal(expected, (await server.Store.FindAsync(_setup.Target, new OrderLookup(OrderId: order.Id)))!.Version);
            Assert.Equal(Enumerable.Range(1, expected).Select(v => (long)v), (await server.Store.ReadChangesAsync(_setup.Target, order.Id)).Select(c => c.Version));
            var stored = await _setup.Read(order.Id, "aliases { aliasId } refunds { details { id } }");
            Assert.Single(stored["refunds"]!["details"]!.AsArray());
            Assert.Equal(order == won[0].Order ? 1 : 0, stored["aliases"]?.AsArray().Count ?? 0);
        }
    }

    [Fact]
    public async Task An_update_stores_the_canonical_document_and_the_same_update_again_writes_nothing()
    {
        var order = await _setup.Create();
        var total = new JsonObject { ["totalPrice"] = new JsonObject { ["value"] = new JsonObject { ["amount"] = 31.5, ["currencyCode"] = "USD" } } };
        (await _setup.Update(order.Id, (JsonObject)total.DeepClone())).AssertSuccess();

        // What is stored is exactly what serializing the order gives (the write path splices the new updatedAt into
        // the document it compared, rather than serializing twice), so no-op detection against it holds.
        var stored = await server.Store.FindAsync(_setup.Target, new OrderLookup(OrderId: order.Id));
        Assert.Equal(2, stored!.Version);
        Assert.Equal(BwpOrders.Domain.OrderJson.SerializeToUtf8(stored.Order), BwpOrders.Domain.OrderJson.Snapshot(stored.Order));

        (await _setup.Update(order.Id, (JsonObject)total.DeepClone())).AssertSuccess();
        var again = await server.Store.FindAsync(_setup.Target, new OrderLookup(OrderId: order.Id));
        Assert.Equal(2, again!.Version);
        Assert.Equal(stored.Order.Metadata.UpdatedAt, again.Order.Metadata.UpdatedAt);
        Assert.Equal(2, (await server.Store.ReadChangesAsync(_setup.Target, order.Id)).Count);
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
