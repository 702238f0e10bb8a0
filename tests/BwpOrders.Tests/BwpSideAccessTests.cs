using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Every operation of BwP's side checks the caller's target and scopes like the order operations do.</summary>
public sealed class BwpSideAccessTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _owner = new(server.Api, "bp-a-" + Guid.NewGuid());
    private readonly string _stranger = "bp-b-" + Guid.NewGuid();

    [Fact]
    public async Task Another_target_can_neither_see_nor_move_an_orders_packages_returns_cancellation_or_timeline()
    {
        var (order, package, returnId, returnPackage) = await DeliveredAndReturning();
        string Sandbox11(string field, string args) => $$"""mutation { {{field}}(orderIdentifier: { orderId: "{{order.Id}}" }, {{args}}) { order { id } } }""";
        var graphql = new (string Name, string Version, string Document)[]
        {
            ("cancelOrder", ApiClient.V2024_11_01, $$"""mutation { cancelOrder(orderIdentifier: { orderId: "{{order.Id}}" }) { cancellation { id } } }"""),
            ("2024-04-01 cancelOrder", ApiClient.V2024_04_01, $$"""mutation { cancelOrder(input: { orderIdentifier: { orderId: "{{order.Id}}" } }) { cancellation { id } } }"""),
            ("updateOrderPackageInformation", ApiClient.V2024_11_01, Sandbox11("updateOrderPackageInformation",
                $$"""input: { packageInformation: { details: [{ id: "{{package.Id}}", packageState: { packageInformationState: { state: CANCELLED, reason: UNDELIVERABLE } } }] } }""")),
            ("updateOrderReturns", ApiClient.V2024_11_01, Sandbox11("updateOrderReturns",
                $$"""input: { returns: { details: [{ returnIdentifier: { id: "{{returnId}}" }, returnPackageDetails: [{ id: "{{returnPackage}}", state: IN_TRANSIT }] }] } }""")),
            ("updateOrderDeliveryInformation", ApiClient.V2024_01_01,
                $$"""mutation { updateOrderDeliveryInformation(input: { orderId: "{{order.Id}}", details: [{ id: "{{package.Id}}", deliveryInformationState: { state: CANCELLED, reason: UNDELIVERABLE } }] }) { order { id } } }"""),
            ("2024-01-01 updateOrderReturns", ApiClient.V2024_01_01,
                $$"""mutation { updateOrderReturns(input: { orderId: "{{order.Id}}", details: [{ id: "{{returnId}}", returnDetailsState: { state: COMPLETED } }] }) { order { id } } }"""),
            ("return", ApiClient.V2024_11_01, $$"""{ return(input: { id: "{{returnId}}" }) { returnDetails { id } } }"""),
            ("createReturn", ApiClient.V2024_11_01, $$"""mutation { createReturn(orderIdentifier: { orderId: "{{order.Id}}" }, input: { desiredReturnExecutionState: STARTED, returnLineItems: [{ returnFor: { orderLineItemAmounts: [{ lineItemId: { lineItemId: "{{order.LineItemId}}" }, amount: { value: 1 } }] } }] }) { returnDetails { id } } }"""),
            ("updateReturn", ApiClient.V2024_11_01, $$"""mutation { updateReturn(input: { returnIdentifier: { id: "{{returnId}}" }, aliases: [{ aliasType: "X", aliasId: "x" }] }) { returnDetails { id } } }"""),
        };
        var strangerToken = await server.Tokens.IssueAsync(_stranger, Scopes.All);

        foreach (var (name, version, document) in graphql)
        {
            var refused = await server.AssertChangesNothing(_owner.Target, order.Id, () => server.Api.Send(_stranger, version, document, bearer: strangerToken));
            Assert.True(refused.Errors.Count == 1 && (string?)refused.Errors[0]!["extensions"]!["classification"]!["type"] == "ResourceNotFoundError", $"{name}: {refused.Body.ToJsonString()}");
        }
        var tracker = await server.Api.Send(_stranger, ApiClient.V2024_11_01, $$"""
            { packageTracker(packageTrackerInput: { packageTrackerIdentifier: { trackingNumber: "{{package.TrackingNumber}}", carrierCode: "amzn_us" } }) { trackingUrl } }
            """, bearer: strangerToken);
        tracker.AssertError("ResourceNotFoundError");

        var control = new (HttpMethod Method, string Path, JsonNode? Body)[]
        {
            (HttpMethod.Get, $"/orders/{order.Id}/timeline", null),
            (HttpMethod.Post, $"/orders/{order.Id}/returns", new JsonObject { ["items"] = new JsonArray(new JsonObject { ["lineItemId"] = order.LineItemId, ["amount"] = 1 }) }),
        };
        foreach (var (method, path, body) in control)
        {
            var (status, answer) = await server.AssertChangesNothing(_owner.Target, order.Id, () => server.Api.Control(method, path, _stranger, body?.DeepClone(), bearer: strangerToken));
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}: {status} {answer.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Each_operation_needs_its_scope_and_a_read_only_token_moves_nothing()
    {
        var (order, package, returnId, returnPackage) = await DeliveredAndReturning();
        var viewOnly = await server.Tokens.IssueAsync(_owner.Target, [Scopes.ViewOrderData]);
        var trackingOnly = await server.Tokens.IssueAsync(_owner.Target, [Scopes.PackageTracking]);
        var writes = new[]
        {
            $$"""mutation { cancelOrder(orderIdentifier: { orderId: "{{order.Id}}" }) { cancellation { id } } }""",
            $$"""mutation { updateOrderPackageInformation(orderIdentifier: { orderId: "{{order.Id}}" }, input: { packageInformation: { details: [{ id: "{{package.Id}}", packageState: { packageInformationState: { state: DELIVERED } } }] } }) { order { id } } }""",
            $$"""mutation { updateOrderReturns(orderIdentifier: { orderId: "{{order.Id}}" }, input: { returns: { details: [{ returnIdentifier: { id: "{{returnId}}" }, returnPackageDetails: [{ id: "{{returnPackage}}", state: IN_TRANSIT }] }] } }) { order { id } } }""",
        };

        foreach (var write in writes)
            (await server.AssertChangesNothing(_owner.Target, order.Id, () => server.Api.Send(_owner.Target, null, write, bearer: viewOnly))).AssertError("AccessDeniedError", "MissingScope");
        (await server.Api.Send(_owner.Target, null, $$"""{ return(input: { id: "{{returnId}}" }) { returnDetails { id } } }""", bearer: trackingOnly)).AssertError("AccessDeniedError", "MissingScope");
        (await server.Api.Send(_owner.Target, null, $$"""{ return(input: { id: "{{returnId}}" }) { returnDetails { id } } }""", bearer: viewOnly)).AssertSuccess();

        var (advance, _) = await server.Api.Control(HttpMethod.Post, "/clock/advance", _owner.Target, new JsonObject { ["seconds"] = 60 }, bearer: viewOnly);
        var (start, _) = await server.AssertChangesNothing(_owner.Target, order.Id, () => server.Api.Control(HttpMethod.Post, $"/orders/{order.Id}/returns", _owner.Target,
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["lineItemId"] = order.LineItemId, ["amount"] = 1 }) }, bearer: viewOnly));
        var (timeline, _) = await server.Api.Control(HttpMethod.Get, $"/orders/{order.Id}/timeline", _owner.Target, bearer: trackingOnly);
        var (clock, _) = await server.Api.Control(HttpMethod.Get, "/clock", _owner.Target, bearer: viewOnly);
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK], [advance, start, timeline, clock]);
        var (anonymous, _) = await server.Api.Control(HttpMethod.Get, "/clock", _owner.Target, bearer: "");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
    }

    /// <summary>An order of the owner: delivered, with a return started and its package.</summary>
    private async Task<(CreatedOrder Order, (string Id, string State, string CarrierCode, string TrackingNumber) Package, string ReturnId, string ReturnPackage)> DeliveredAndReturning()
    {
        var bwp = new BwpSide(server.Api, _owner.Target);
        var order = await _owner.Create(quantity: 2, executionState: "STARTED");
        await bwp.DeliverAll(order.Id);
        var (returnId, returnPackage, _) = await bwp.StartReturn(order.Id, order.LineItemId);
        return (order, (await bwp.Packages(order.Id)).Single(), returnId, returnPackage);
    }
}

/// <summary><c>serve --environment production</c>: BwP's production API has no sandbox mutations; everything else is there.</summary>
public sealed class ProductionEnvironmentTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { Production = true };

    [Theory]
    [InlineData(ApiClient.V2024_11_01, "updateOrderPackageInformation")]
    [InlineData(ApiClient.V2024_11_01, "updateOrderReturns")]
    [InlineData(ApiClient.V2024_01_01, "updateOrderDeliveryInformation")]
    [InlineData(ApiClient.V2024_01_01, "updateOrderReturns")]
    public async Task The_sandbox_mutations_do_not_exist(string version, string mutation)
    {
        var fields = await _server.Api.Send("bp-prod", version, """{ __schema { mutationType { fields { name } } } }""");

        var names = fields.AssertSuccess().Data!["__schema"]!["mutationType"]!["fields"]!.AsArray().Select(f => (string?)f!["name"]).ToList();
        Assert.DoesNotContain(mutation, names);
        Assert.Contains("updateOrder", names);
    }

    [Fact]
    public async Task Orders_are_still_cancelled_and_bwp_still_requests_the_refund()
    {
        var setup = new OrderSetup(_server.Api, "bp-prod-" + Guid.NewGuid());
        var order = await setup.Create(executionState: "STARTED");

        (await _server.Api.Send(setup.Target, null, $$"""mutation { cancelOrder(orderIdentifier: { orderId: "{{order.Id}}" }) { cancellation { state } } }""")).AssertSuccess();
        await new BwpSide(_server.Api, setup.Target).Advance(0);

        Assert.Equal("CANCELLED_ORDER", (await new BwpSide(_server.Api, setup.Target).Refunds(order.Id)).Single().Reason);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://[::1]/hooks")]
    public async Task Webhooks_may_not_target_loopback(string url)
    {
        var refused = await _server.Api.Send("bp-prod", null, "mutation($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { subscriptionId } }",
            new JsonObject { ["input"] = new JsonObject { ["eventType"] = "ORDER_CONFIRMED", ["destination"] = new JsonObject { ["webhook"] = new JsonObject { ["url"] = url, ["method"] = "POST" } } } });

        Assert.Contains("/webhook/url", (string)refused.AssertError("ValidationError", "ValidationError")["message"]!);
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}
