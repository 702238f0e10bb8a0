using System.Net;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>POST /control/v1/reset</c>: the calling target is emptied — orders, returns, refunds, subscriptions, auth profiles,
/// deliveries, clock — in one step, answered 204; its credentials and snapshots stay; every other target is untouched.
/// </summary>
public sealed class ResetTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private ApiClient Api => fixture.Server.Api;

    /// <summary>A target with an order (a return and a refund on it), a delivered subscription, an auth profile and an advanced clock.</summary>
    private async Task<(OrderSetup Setup, TargetControl Control, string OrderId)> Populated(string name)
    {
        var setup = new OrderSetup(Api, $"bp-{name}-" + Guid.NewGuid());
        var control = new TargetControl(Api, setup.Target);
        await new EventSubscriber(Api, setup.Target).Webhook("ORDER_CONFIRMED", fixture.Sink.Url($"/hooks/{setup.Target}"));
        Assert.True(await control.TryCreateAuthProfile("profile", fixture.Sink.Url("/oauth/token")));
        var order = await setup.Create(lineItems: 2);
        await setup.AddReturn(order.Id, order.LineItemIds[0]);
        await setup.AddRefund(order.Id, order.LineItemIds[1]);
        await control.Advance(3600);
        await control.DeliveredLog(1);
        return (setup, control, order.Id);
    }

    [Fact]
    public async Task Reset_empties_the_calling_target_and_leaves_another_targets_orders_subscriptions_deliveries_and_clock_as_they_were()
    {
        var (a, aControl, aOrder) = await Populated("a");
        var (b, bControl, bOrder) = await Populated("b");
        var bBefore = (await b.Read(bOrder)).ToJsonString();
        var (bSubscriptions, bDeliveries, bTimeline) = (await bControl.Subscriptions(), await bControl.Deliveries(), await bControl.Timeline(bOrder));

        await aControl.Reset();

        (await Api.Send(a.Target, null, $$"""{ order(orderIdentifier: { orderId: "{{aOrder}}" }) { id } }""")).AssertError("ResourceNotFoundError");
        Assert.Empty(await aControl.Subscriptions());
        Assert.Empty(await aControl.Deliveries());
        Assert.Equal(0, await aControl.ClockOffset());
        Assert.True(await aControl.TryCreateAuthProfile("profile", fixture.Sink.Url("/oauth/token"))); // the alias id is free again
        Assert.Empty(await fixture.Server.Store.ReadOutboxAsync(a.Target, aOrder));
        Assert.Empty(await fixture.Server.Store.ReadChangesAsync(a.Target, aOrder));

        Assert.Equal(bBefore, (await b.Read(bOrder)).ToJsonString());
        Assert.Equal(bSubscriptions, await bControl.Subscriptions());
        Assert.Equal(bDeliveries, await bControl.Deliveries());
        Assert.Equal(bTimeline, await bControl.Timeline(bOrder));
        Assert.Equal(3600, await bControl.ClockOffset());
        Assert.False(await bControl.TryCreateAuthProfile("profile", fixture.Sink.Url("/oauth/token")));
    }

    [Fact]
    public async Task After_a_reset_the_same_credential_carries_on_and_the_target_works_as_a_new_one()
    {
        var (setup, control, _) = await Populated("again");
        var faults = new FaultClient(Api, fixture.Server.Tokens, setup.Target);
        await faults.Add(new System.Text.Json.Nodes.JsonObject { ["operation"] = "createOrder", ["error"] = "InternalServerError" });
        await control.Reset();
        Assert.Empty((await faults.List())["faults"]!.AsArray()); // fault rules are test settings of the target: gone too
        await control.Reset(); // an empty target resets as well

        var order = await setup.Create(); // the token from before the reset still works: credentials are not target state
        Assert.Equal(order.Id, (string)(await setup.Read(order.Id, "id"))["id"]!);
        await new EventSubscriber(Api, setup.Target).Webhook("ORDER_CONFIRMED", fixture.Sink.Url($"/hooks/{setup.Target}/after"));
        await setup.Create();
        Assert.Single(await control.DeliveredLog(1)); // the new subscription delivers, and nothing of the old one is left
    }

    [Fact]
    public async Task Reset_needs_a_token_for_the_target_with_the_edit_scope_and_then_changes_nothing()
    {
        var (setup, control, orderId) = await Populated("refused");
        var before = (await setup.Read(orderId)).ToJsonString();
        var viewOnly = await fixture.Server.Tokens.IssueAsync(setup.Target, [Domain.Access.Scopes.ViewOrderData]);
        var otherTarget = await fixture.Server.Tokens.ForTarget("bp-other-" + Guid.NewGuid());

        foreach (var (bearer, status, code) in new[] { ("", HttpStatusCode.Unauthorized, "InvalidToken"), (viewOnly, HttpStatusCode.Forbidden, "MissingScope"), (otherTarget, HttpStatusCode.Forbidden, "TargetNotAllowed") })
        {
            var (answered, body) = await Api.Control(HttpMethod.Post, "/reset", setup.Target, bearer: bearer);
            Assert.Equal(status, answered);
            Assert.Equal(code, (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"]);
        }
        Assert.Equal(before, (await setup.Read(orderId)).ToJsonString());
        Assert.Equal(3600, await control.ClockOffset());
    }
}
