using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>POST /control/v1/snapshots</c> and <c>POST /control/v1/snapshots/{id}/restore</c>: a restore puts the target back
/// exactly as it was at the snapshot — orders, events, change log, deliveries, subscriptions, auth profiles, clock —
/// whatever happened since, a reset included; snapshots are the target's own and keep sealed secrets sealed.
/// </summary>
public sealed class SnapshotTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private readonly OrderSetup _setup = new(fixture.Server.Api, "bp-snap-" + Guid.NewGuid());
    private TargetControl Control => new(fixture.Server.Api, _setup.Target);
    private EventSubscriber Events => new(fixture.Server.Api, _setup.Target);
    private string Hook(string name) => fixture.Sink.Url($"/hooks/{_setup.Target}/{name}");

    private async Task<string> State(string orderId) =>
        string.Join("\n", (await _setup.Read(orderId)).ToJsonString(), await Control.Timeline(orderId),
            string.Join(",", (await fixture.Server.Store.ReadOutboxAsync(_setup.Target, orderId)).Select(e => $"{e.Sequence}:{e.EventType}:{e.Resource}")),
            string.Join(",", await Control.Subscriptions()), string.Join(",", await Control.Deliveries()), await Control.ClockOffset());

    [Fact]
    public async Task A_restore_brings_back_a_changed_order_removes_a_new_one_and_puts_events_deliveries_subscriptions_and_clock_as_at_the_snapshot()
    {
        await Events.Webhook("ORDER_CONFIRMED", Hook("confirmed"));
        Assert.True(await Control.TryCreateAuthProfile("kept", fixture.Sink.Url("/oauth/token")));
        var order = await _setup.Create(lineItems: 2);
        await Control.Advance(3600);
        await Control.DeliveredLog(1);
        var atSnapshot = await State(order.Id);
        var snapshot = await Control.Snapshot("one order, delivered");

        await _setup.AddRefund(order.Id, order.LineItemIds[0]);
        await _setup.AddReturn(order.Id, order.LineItemIds[1]);
        await Events.Webhook("REFUND_REQUESTED", Hook("refunds"));
        var created = await _setup.Create();
        await Control.DeliveredLog(2);
        await Control.Advance(7200);
        Assert.True(await Control.TryCreateAuthProfile("later", fixture.Sink.Url("/oauth/token")));
        Assert.NotEqual(atSnapshot, await State(order.Id));

        await Control.Restore(snapshot);

        Assert.Equal(atSnapshot, await State(order.Id));
        (await fixture.Server.Api.Send(_setup.Target, null, $$"""{ order(orderIdentifier: { orderId: "{{created.Id}}" }) { id } }""")).AssertError("ResourceNotFoundError");
        Assert.Empty(await fixture.Server.Store.ReadOutboxAsync(_setup.Target, created.Id));
        Assert.False(await Control.TryCreateAuthProfile("kept", fixture.Sink.Url("/oauth/token"))); // back
        Assert.True(await Control.TryCreateAuthProfile("later", fixture.Sink.Url("/oauth/token"))); // gone
    }

    [Fact]
    public async Task An_order_changed_again_after_a_restore_is_read_as_changed_not_as_the_version_read_before_the_restore()
    {
        var order = await _setup.Create(lineItems: 2);
        var snapshot = await Control.Snapshot();
        await _setup.AddRefund(order.Id, order.LineItemIds[0], total: 5);
        for (var i = 0; i < 3; i++) await _setup.Read(order.Id); // read often enough to be kept in memory at this version

        await Control.Restore(snapshot);
        await _setup.AddRefund(order.Id, order.LineItemIds[1], total: 7); // the same version number, another document

        var refunds = (await _setup.Read(order.Id, "refunds { details { refundTotal { totalAmount { amount } } } }"))["refunds"]!["details"]!.AsArray();
        Assert.Equal([7m], refunds.Select(r => (decimal)r!["refundTotal"]!["totalAmount"]!["amount"]!));
    }

    [Fact]
    public async Task Snapshots_survive_a_reset_and_can_be_restored_more_than_once()
    {
        var order = await _setup.Create();
        await Control.Advance(60);
        var atSnapshot = await State(order.Id);
        var snapshot = await Control.Snapshot();

        await Control.Reset();
        await Control.Restore(snapshot);
        Assert.Equal(atSnapshot, await State(order.Id));
        await _setup.AddRefund(order.Id, order.LineItemId);
        await Control.Restore(snapshot);
        Assert.Equal(atSnapshot, await State(order.Id));

        var (status, body) = await fixture.Server.Api.Control(HttpMethod.Get, "/snapshots", _setup.Target);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([snapshot], body["snapshots"]!.AsArray().Select(s => (string)s!["snapshotId"]!));
    }

    [Fact]
    public async Task Another_targets_snapshot_is_not_found_and_is_left_alone()
    {
        var other = new OrderSetup(fixture.Server.Api, "bp-snap-other-" + Guid.NewGuid());
        var otherOrder = await other.Create();
        var theirs = await new TargetControl(fixture.Server.Api, other.Target).Snapshot();
        var before = (await other.Read(otherOrder.Id)).ToJsonString();

        foreach (var (method, path) in new[] { (HttpMethod.Post, $"/snapshots/{theirs}/restore"), (HttpMethod.Delete, $"/snapshots/{theirs}"), (HttpMethod.Post, "/snapshots/no-such/restore") })
        {
            var (status, body) = await fixture.Server.Api.Control(method, path, _setup.Target);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("ResourceNotFoundError", (string?)body["errors"]![0]!["extensions"]!["classification"]!["type"]);
        }
        Assert.Empty((await fixture.Server.Api.Control(HttpMethod.Get, "/snapshots", _setup.Target)).Body["snapshots"]!.AsArray());
        Assert.Equal(before, (await other.Read(otherOrder.Id)).ToJsonString());
        await new TargetControl(fixture.Server.Api, other.Target).Restore(theirs); // still there for its owner

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Server.Api.Control(HttpMethod.Delete, $"/snapshots/{theirs}", other.Target)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Server.Api.Control(HttpMethod.Post, $"/snapshots/{theirs}/restore", other.Target)).Status);
    }

    [Fact]
    public async Task A_snapshot_keeps_destinations_and_auth_configurations_sealed_and_a_restored_subscription_still_delivers()
    {
        await Events.Webhook("ORDER_CONFIRMED", Hook("sealed-destination"),
            authConfig: new JsonObject { ["basicAuthConfig"] = new JsonObject { ["username"] = "shop", ["password"] = "inline-password-in-snapshot" } });
        Assert.True(await Control.TryCreateAuthProfile("sealed", fixture.Sink.Url("/oauth/token")));
        var snapshot = await Control.Snapshot();

        var stored = await StoredContent(snapshot);
        Assert.DoesNotContain("inline-password-in-snapshot", stored);
        Assert.DoesNotContain("merchant-secret-sealed", stored);
        Assert.Contains("\"bytes\"", stored); // the sealed columns, as stored

        await Control.Reset();
        await Control.Restore(snapshot);
        await _setup.Create();
        var arrived = await fixture.Sink.WaitFor($"/hooks/{_setup.Target}/sealed-destination", r => r.Count == 1);
        Assert.StartsWith("Basic ", arrived[0].Header("authorization")); // opened with the same key after the restore
    }

    /// <summary>The snapshot as the database holds it, read as an operator with database access would.</summary>
    private async Task<string> StoredContent(string snapshotId)
    {
        var database = StorageSpec.Open(fixture.Server.Storage).Database;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT content FROM target_snapshots WHERE snapshot_id = '{snapshotId}'";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
