using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Webhook delivery to a real endpoint on loopback: what BwP's side raises arrives at the subscriptions for it, in
/// the documented envelope, signed, with the auth profile applied, retried until it succeeds, and in the log.
/// </summary>
public sealed class EventDeliveryTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private readonly OrderSetup _setup = new(fixture.Server.Api, "bp-" + Guid.NewGuid());
    private BwpSide Bwp => new(fixture.Server.Api, _setup.Target);
    private EventSubscriber Events => new(fixture.Server.Api, _setup.Target);
    private WebhookSink Sink => fixture.Sink;
    private string Hook(string name) => $"/hooks/{_setup.Target}/{name}";

    private static readonly string[] Subscribed =
    [
        "ORDER_CONFIRMED", "PACKAGE_DELIVERY_IN_TRANSIT", "PACKAGE_DELIVERED", "PACKAGE_DELIVERY_CANCELLED", "PACKAGE_TRACKER_MILESTONE_CHANGED",
        "REFUND_REQUESTED", "REFUND_COMPLETED", "RETURN_STARTED", "RETURN_PACKAGE_IN_TRANSIT", "RETURN_PACKAGE_DELIVERED", "RETURN_ITEM_GRADED", "RETURN_COMPLETED",
    ];

    private static readonly HashSet<string> CarryingOrder = ["ORDER_CONFIRMED", "REFUND_REQUESTED", "REFUND_COMPLETED", "RETURN_COMPLETED"];

    [Fact]
    public async Task Every_event_of_bwps_flows_arrives_at_its_subscription_in_the_documented_envelope_and_nothing_else_does()
    {
        var subscriptions = new Dictionary<string, string>();
        foreach (var type in Subscribed) subscriptions[type] = await Events.Webhook(type, Sink.Url(Hook(type)));
        var other = new OrderSetup(fixture.Server.Api, "bp-" + Guid.NewGuid()); // a target without subscriptions

        var orders = await RunFlows(_setup);
        await RunFlows(other);

        var raised = new List<(string Type, string Resource)>();
        foreach (var order in orders)
            raised.AddRange((await fixture.Server.Store.ReadOutboxAsync(_setup.Target, order)).Select(e => (e.EventType, e.Resource)));
        Assert.Contains(raised, e => e.Type == "RETURN_PACKAGE_DELIVERY_FAILED"); // raised, but nobody subscribed
        foreach (var type in Subscribed)
        {
            var expected = raised.Where(e => e.Type == type).Select(e => e.Resource).Order().ToList();
            Assert.NotEmpty(expected);
            var arrived = await Sink.WaitFor(Hook(type), r => r.Count >= expected.Count);
            Assert.Equal(expected, arrived.Select(r => (string)r.Json["resources"]![0]!).Order());
            foreach (var received in arrived) AssertEnvelope(received, type, subscriptions[type]);
        }
        await AllSent(_setup.Target);
        Assert.DoesNotContain(Sink.Requests, r => r.Path.Contains("RETURN_PACKAGE_DELIVERY_FAILED"));
        Assert.Equal(raised.Count(e => Subscribed.Contains(e.Type)), Sink.Requests.Count(r => r.Path.StartsWith($"/hooks/{_setup.Target}/")));
        Assert.DoesNotContain(Sink.Requests, r => Encoding.UTF8.GetString(r.Body).Contains(other.Target));
    }

    [Fact]
    public async Task The_order_carried_by_refund_events_is_the_order_as_it_was_with_only_that_refund()
    {
        await Events.Webhook("REFUND_REQUESTED", Sink.Url(Hook("requested")));
        var order = await _setup.Create(quantity: 2, executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        (await Bwp.MovePackage(order.Id, package.Id, "IN_TRANSIT")).AssertSuccess();
        (await Bwp.MovePackage(order.Id, package.Id, "CANCELLED", "UNDELIVERABLE")).AssertSuccess();
        var refund = (await Bwp.Refunds(order.Id)).Single();
        await _setup.AddRefund(order.Id, order.LineItemId, "SUCCESS"); // a later, unrelated refund of the merchant's own

        var received = (await Sink.WaitFor(Hook("requested"), r => r.Count == 1)).Single();

        JsonMatch.Assert("""
            {"order":{"id":"<order>","aliases":[],"refunds":{"details":[{"id":"<refund>","createdAt":"<timestamp>","updatedAt":"<timestamp>","state":"PENDING",
              "refundRequestReason":"NOT_DELIVERED","refundStatusReason":null,"refundTotal":{"totalAmount":{"amount":20,"currencyCode":"USD"}},
              "refundFor":{"orderLineItems":[{"lineItem":{"id":"<line>"}}]}}]}}}
            """, received.Json["data"], new Dictionary<string, string> { ["order"] = order.Id, ["refund"] = refund.Id, ["line"] = order.LineItemId });
    }

    [Fact]
    public async Task Signatures_verify_against_the_published_keys_through_a_rotation()
    {
        await Events.Webhook("ORDER_CONFIRMED", Sink.Url(Hook("signed")));
        await _setup.Create();
        var first = (await Sink.WaitFor(Hook("signed"), r => r.Count == 1)).Single();
        await EventSubscriber.AssertSigned(fixture.Server.Api.Http, first);

        var (exit, newKid) = await ServerProcess.RunCliAsync("webhook-keys", "rotate", "--storage", fixture.Server.Storage);
        Assert.Equal(0, exit);
        await Task.Delay(2100); // processes pick up new keys within two seconds
        await _setup.Create();
        var second = (await Sink.WaitFor(Hook("signed"), r => r.Count == 2))[1];

        Assert.Equal(newKid.Trim(), second.Header("x-amzn-kid"));
        await EventSubscriber.AssertSigned(fixture.Server.Api.Http, second);
        await EventSubscriber.AssertSigned(fixture.Server.Api.Http, first); // the old key stays published
        Assert.Equal(0, (await ServerProcess.RunCliAsync("webhook-keys", "retire", first.Header("x-amzn-kid"), "--storage", fixture.Server.Storage)).ExitCode);
        await Task.Delay(2100);
        await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => EventSubscriber.AssertSigned(fixture.Server.Api.Http, first));
    }

    [Fact]
    public async Task A_failing_endpoint_gets_the_same_delivery_again_until_it_succeeds_and_the_log_shows_every_attempt()
    {
        var elapsed = Stopwatch.StartNew();
        var failures = 0;
        var path = Hook("flaky");
        Sink.Respond = r => r.Path == path && Interlocked.Increment(ref failures) <= 3 ? 500 : 200;
        var subscription = await Events.Webhook("ORDER_CONFIRMED", Sink.Url(path));
        await _setup.Create();

        var attempts = await Sink.WaitFor(path, r => r.Count == 4);

        Assert.Single(attempts.Select(a => (string)a.Json["idempotencyKey"]!).Distinct());
        Assert.Single(attempts.Select(a => (string)a.Json["eventId"]!).Distinct());
        Assert.Single(attempts.Select(a => Convert.ToBase64String(a.Body)).Distinct());
        var logged = await WaitForLog($"?subscriptionId={subscription}", d => (string?)d["state"] == "DELIVERED");
        Assert.Equal([500, 500, 500, 200], logged["attempts"]!.AsArray().Select(a => (int)a!["statusCode"]!));
        // Milliseconds: no attempt took longer than the whole test has so far (a wrong unit, ticks or µs, would).
        Assert.All(logged["attempts"]!.AsArray(), a => Assert.InRange((long)a!["latencyMs"]!, 0, elapsed.ElapsedMilliseconds));
        await Task.Delay(300);
        Assert.Equal(4, Sink.At(path).Count);
    }

    [Fact]
    public async Task An_endpoint_that_never_succeeds_fails_after_the_last_retry_and_redelivery_sends_it_again()
    {
        var path = Hook("down");
        var down = true;
        Sink.Respond = r => r.Path == path && down ? 503 : 200;
        var subscription = await Events.Webhook("ORDER_CONFIRMED", Sink.Url(path));
        await _setup.Create();

        var failed = await WaitForLog($"?subscriptionId={subscription}", d => (string?)d["state"] == "FAILED");
        Assert.Equal(5, failed["attempts"]!.AsArray().Count); // the first attempt and four retries
        Assert.Equal(5, Sink.At(path).Count);
        var (listed, _) = await ServerProcess.RunCliAsync("deliveries", "list", "--target-id", _setup.Target, "--status", "failed", "--storage", fixture.Server.Storage);
        Assert.Equal(0, listed);

        down = false;
        var (status, redelivered) = await fixture.Server.Api.Control(HttpMethod.Post, $"/deliveries/{failed["id"]}/redeliver", _setup.Target);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("PENDING", (string?)redelivered["state"]);
        var all = await Sink.WaitFor(path, r => r.Count == 6);
        Assert.Equal(all[0].Body, all[5].Body);
        await EventSubscriber.AssertSigned(fixture.Server.Api.Http, all[5]);
        Assert.Equal("DELIVERED", (string?)(await WaitForLog($"?subscriptionId={subscription}", d => (string?)d["state"] == "DELIVERED"))["state"]);
        var (missing, _) = await fixture.Server.Api.Control(HttpMethod.Post, "/deliveries/999999/redeliver", _setup.Target);
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task Deleting_a_subscription_stops_its_deliveries_including_pending_retries()
    {
        var path = Hook("deleted");
        Sink.Respond = r => r.Path == path ? 500 : 200;
        var subscription = await Events.Webhook("ORDER_CONFIRMED", Sink.Url(path));
        await _setup.Create();
        await Sink.WaitFor(path, r => r.Count >= 1);

        await Events.Unsubscribe(subscription);
        var stopped = await WaitForLog($"?subscriptionId={subscription}", d => (string?)d["state"] == "FAILED");
        var sent = Sink.At(path).Count;
        await _setup.Create();
        await Task.Delay(800);

        Assert.Equal(sent, Sink.At(path).Count);
        Assert.Contains("subscription deleted", (string?)stopped["lastError"]);
    }

    [Fact]
    public async Task An_oauth_auth_profile_fetches_a_token_from_the_merchants_endpoint_and_sends_it_as_a_bearer()
    {
        (await fixture.Server.Api.Send(_setup.Target, null, $$"""
            mutation { createAuthProfile(input: { authProfileAliasId: "oauth", authConfig: { oAuthConfig: {
              clientParameters: { clientId: "merchant-client", clientSecret: "merchant-secret" }, authEndpoint: "{{Sink.Url("/oauth/token")}}", httpMethod: POST,
              httpParameters: { bodyParameters: [{ key: "grant_type", value: "client_credentials" }, { key: "scope", value: "write:order" }],
                headerParameters: [{ key: "Content-Type", value: "application/x-www-form-urlencoded" }] } } } }) { authProfileId } }
            """)).AssertSuccess();
        await Events.Webhook("ORDER_CONFIRMED", Sink.Url(Hook("oauth")), authProfileId: "oauth");
        await Events.Webhook("REFUND_COMPLETED", Sink.Url(Hook("basic")),
            authConfig: new JsonObject { ["basicAuthConfig"] = new JsonObject { ["username"] = "shop", ["password"] = "s3cret" } });

        var order = await _setup.Create();
        await _setup.Create();
        await _setup.AddRefund(order.Id, order.LineItemId, "SUCCESS");

        var hooks = await Sink.WaitFor(Hook("oauth"), r => r.Count == 2);
        var tokenRequests = Sink.At("/oauth/token");
        Assert.Single(tokenRequests); // cached until it expires
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("merchant-client:merchant-secret")), tokenRequests[0].Header("authorization"));
        Assert.Equal("grant_type=client_credentials&scope=write%3Aorder", Encoding.UTF8.GetString(tokenRequests[0].Body));
        Assert.All(hooks, h => Assert.Equal("Bearer sink-token-1", h.Header("authorization")));
        var basic = (await Sink.WaitFor(Hook("basic"), r => r.Count == 1)).Single();
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("shop:s3cret")), basic.Header("authorization"));
        // Never returned: the subscription reads back with its URL only.
        var read = await fixture.Server.Api.Send(_setup.Target, null, "{ eventSubscriptions { edges { node { id } } } }");
        Assert.DoesNotContain("s3cret", read.Body.ToJsonString());
    }

    [Fact]
    public async Task The_order_timeline_shows_each_events_deliveries()
    {
        await Events.Webhook("ORDER_CONFIRMED", Sink.Url(Hook("timeline")));
        var order = await _setup.Create();
        await Sink.WaitFor(Hook("timeline"), r => r.Count == 1);
        await WaitForLog($"?orderId={order.Id}", d => (string?)d["state"] == "DELIVERED");

        var (_, timeline) = await fixture.Server.Api.Control(HttpMethod.Get, $"/orders/{order.Id}/timeline", _setup.Target);

        var delivery = timeline["changes"]![0]!["events"]![0]!["deliveries"]![0]!;
        Assert.Equal(("DELIVERED", 200), ((string?)delivery["state"], (int)delivery["attempts"]![0]!["statusCode"]!));
    }

    /// <summary>Two orders through every flow of BwP's side; returns their ids.</summary>
    private async Task<List<string>> RunFlows(OrderSetup setup)
    {
        var bwp = new BwpSide(fixture.Server.Api, setup.Target);
        var delivered = await setup.Create(quantity: 2, executionState: "STARTED");
        await bwp.DeliverAll(delivered.Id);
        var (returnId, package, item) = await bwp.StartReturn(delivered.Id, delivered.LineItemId);
        foreach (var state in new[] { "DROPPED_OFF", "IN_TRANSIT", "DELIVERED" })
            (await ReturnMove(setup, delivered.Id, returnId, $"returnPackageDetails: [{{ id: \"{package}\", state: {state} }}]")).AssertSuccess();
        (await ReturnMove(setup, delivered.Id, returnId, $"returnLineItems: [{{ id: \"{item}\", grading: {{ unitWiseCondition: [{{ amount: {{ value: 1 }}, condition: \"SELLABLE\" }}] }} }}]")).AssertSuccess();
        var refund = (await bwp.Refunds(delivered.Id)).Single();
        (await setup.Api.Send(setup.Target, ApiClient.V2024_11_01, Seeds.Request("2024-11-01.update-refund",
            new Dictionary<string, string> { ["123-4567-8910"] = delivered.Id, ["refund-123"] = refund.Id, ["1234567"] = delivered.LineItemId }))).AssertSuccess();
        var (failing, failingPackage, _) = await bwp.StartReturn(delivered.Id, delivered.LineItemId);
        foreach (var state in new[] { "IN_TRANSIT", "FAILED" })
            (await ReturnMove(setup, delivered.Id, failing, $"returnPackageDetails: [{{ id: \"{failingPackage}\", state: {state} }}]")).AssertSuccess();

        var cancelled = await setup.Create(executionState: "STARTED");
        (await setup.Api.Send(setup.Target, null, $$"""mutation { cancelOrder(orderIdentifier: { orderId: "{{cancelled.Id}}" }) { cancellation { id } } }""")).AssertSuccess();
        await bwp.Advance(0);
        return [delivered.Id, cancelled.Id];
    }

    private static Task<GraphQLResponse> ReturnMove(OrderSetup setup, string orderId, string returnId, string change) =>
        setup.Api.Send(setup.Target, ApiClient.V2024_11_01, $$"""
            mutation { updateOrderReturns(orderIdentifier: { orderId: "{{orderId}}" }, input: { returns: { details: [{ returnIdentifier: { id: "{{returnId}}" }, {{change}} }] } }) { order { id } } }
            """);

    private static void AssertEnvelope(Received received, string type, string subscriptionId)
    {
        var envelope = received.Json;
        Assert.Equal(["idempotencyKey", "eventDescriptor", "resources", "eventId", "apiVersion", "subscriptionId", "eventTime", "data"], envelope.Select(p => p.Key));
        Assert.Equal((type, "2024-11-01", subscriptionId), ((string?)envelope["eventDescriptor"], (string?)envelope["apiVersion"], (string?)envelope["subscriptionId"]));
        Assert.Matches("^[0-9a-f-]{36}$", (string)envelope["idempotencyKey"]!);
        Assert.Matches("^[0-9a-f-]{36}$", (string)envelope["eventId"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string)envelope["eventTime"]!);
        Assert.Equal("application/json; charset=utf-8", received.Header("content-type"));
        var data = envelope["data"]!.AsObject();
        if (CarryingOrder.Contains(type)) Assert.Equal((string)envelope["resources"]![0]!.ToString().Split('/')[3], (string?)data["order"]!["id"]);
        else Assert.Empty(data);
    }

    private async Task<JsonNode> WaitForLog(string query, Func<JsonNode, bool> done) =>
        (await WaitForDeliveries(Events, query, log => log.Any(d => done(d!)))).First(d => done(d!))!;

    private static async Task<JsonArray> WaitForDeliveries(EventSubscriber events, string query, Func<JsonArray, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var log = await events.Deliveries(query);
            if (done(log)) return log;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"the delivery log never showed it: {log.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until <paramref name="target"/>'s events raised so far are all sent, so nothing more can arrive for them. Events fan
    /// out into deliveries in outbox order, so once a marker event raised now (on a target of its own) has arrived, every
    /// delivery of the earlier events exists; once each of those is DELIVERED, the endpoint has had every request it will get.
    /// </summary>
    private async Task AllSent(string target)
    {
        var marker = new OrderSetup(fixture.Server.Api, "bp-" + Guid.NewGuid());
        var hook = $"/hooks/{marker.Target}/marker";
        await new EventSubscriber(fixture.Server.Api, marker.Target).Webhook("ORDER_CONFIRMED", Sink.Url(hook));
        await marker.Create();
        await Sink.WaitFor(hook, r => r.Count == 1);
        await WaitForDeliveries(new EventSubscriber(fixture.Server.Api, target), "?first=500",
            log => log.All(d => (string?)d!["state"] == "DELIVERED"));
    }
}
