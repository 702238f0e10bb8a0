using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// cancelOrder as 2024-04-01 and 2024-11-01 document it: whole orders only, while nothing has shipped; the
/// cancellation starts PENDING, BwP completes it, cancels the packages and asks the merchant for a refund, which
/// the merchant settles by BwP's refund id.
/// </summary>
public sealed class CancelOrderTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private BwpSide Bwp => new(server.Api, _setup.Target);

    private const string CancellationSelection = """
        lineItems { cancellations { details { state reason requestedBy additionalComments aliases { aliasType aliasId }
          canceledFor { orderLineItems { amount { value } lineItem { id } } } refundDetails { id state refundRequestReason } } } }
        packageInformation { summary { state } details { state reason } }
        """;

    [Fact]
    public async Task V2024_11_01_the_reference_example_cancels_the_order_and_bwp_requests_a_refund_the_merchant_settles()
    {
        var order = await _setup.Create(quantity: 4, executionState: "STARTED");
        var name = "2024-11-01/cancelOrder.cancel-order-mutation-with-order-id-and-reason";

        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.Request(name, new Dictionary<string, string> { ["322-KG36-AAAAA"] = order.Id }));

        var cancellationId = (string)response.AssertSuccess().Data!["cancelOrder"]!["cancellation"]!["id"]!;
        JsonMatch.Assert(Docs.Response(name, new Dictionary<string, string>
        {
            ["dd24641f9af756cfb69f12e4de8dce1a10a58ca438ca33e7fb6e19c661234567"] = cancellationId,
            ["11312196b6-1883e00df5"] = order.LineItemId, ["2024-08-22T12:58:11.722Z"] = "<timestamp>",
        }), response.Body);

        await Bwp.Advance(0); // BwP decides the cancellation as soon as the target's clock runs what is due
        var read = await _setup.Read(order.Id, CancellationSelection);
        var refund = (await Bwp.Refunds(order.Id)).Single();
        JsonMatch.Assert("""
            {"lineItems":[{"cancellations":{"details":[{"state":"SUCCESS","reason":"ORDERED_BY_MISTAKE","requestedBy":"MERCHANT","additionalComments":"Wrong item",
              "aliases":[{"aliasType":"EXTERNAL_CANCELLATION_ID","aliasId":"1234"}],
              "canceledFor":{"orderLineItems":[{"amount":{"value":4},"lineItem":{"id":"<line>"}}]},
              "refundDetails":[{"id":"<refund>","state":"PENDING","refundRequestReason":"CANCELLED_ORDER"}]}]}}],
             "packageInformation":{"summary":{"state":"CANCELLED"},"details":[{"state":"CANCELLED","reason":"CUSTOMER_REQUESTED"}]}}
            """, read, new Dictionary<string, string> { ["line"] = order.LineItemId, ["refund"] = refund.Id });
        Assert.Equal(40m, refund.Total);

        var settle = Seeds.Request("2024-11-01.update-refund", new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["refund-123"] = refund.Id, ["1234567"] = order.LineItemId });
        (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, settle)).AssertSuccess();

        Assert.Equal("SUCCESS", (await Bwp.Refunds(order.Id)).Single().State);
        Assert.Equal(["ORDER_CONFIRMED", "PACKAGE_DELIVERY_CANCELLED", "REFUND_REQUESTED", "REFUND_COMPLETED"], await Bwp.Events(order.Id));
        Assert.Equal(["DELIVERY_CANCELLED", "REFUND_REQUESTED"], await Bwp.Events(order.Id, ApiClient.V2024_01_01)); // 2024-01-01 has no REFUND_COMPLETED
    }

    [Fact]
    public async Task V2024_04_01_the_reference_example_names_the_order_inside_its_input()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var name = "2024-04-01/cancelOrder.cancel-order-mutation-with-order-id-and-reason";

        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_04_01, Docs.Request(name, new Dictionary<string, string> { ["322-KG36-AAAAA"] = order.Id }));

        // The page's response is cut off at requestedBy; the part shown, then the rest of what the selection asks for.
        JsonMatch.Assert("""
            {"data":{"cancelOrder":{"cancellation":{"id":"<id>","state":"PENDING","aliases":[{"aliasId":"1234","aliasType":"EXTERNAL_CANCELLATION_ID"}],
              "reason":"ORDERED_BY_MISTAKE","additionalComments":"Wrong item","createdAt":"<timestamp>","updatedAt":"<timestamp>","requestedBy":"MERCHANT",
              "canceledFor":{"orderLineItems":[{"lineItem":{"id":"<line>"},"amount":{"value":1,"unit":"ONE"}}]}}}}}
            """, response.AssertSuccess().Body, new Dictionary<string, string> { ["line"] = order.LineItemId });
        await Bwp.Advance(0);
        Assert.Equal(("PENDING", "CANCELLED_ORDER", 10m), (await Bwp.Refunds(order.Id)).Select(r => (r.State, r.Reason, r.Total)).Single());
    }

    [Fact]
    public async Task V2024_04_01_the_order_inside_the_input_is_typed_as_the_versions_OrderIdentifierInput()
    {
        var order = await _setup.Create();
        // One variable type for reading and cancelling, as a merchant's generated client would declare it.
        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_04_01, """
            mutation($id: OrderIdentifierInput!) { cancelOrder(input: { orderIdentifier: $id, reason: ORDERED_BY_MISTAKE }) { cancellation { state } } }
            """, new JsonObject { ["id"] = new JsonObject { ["orderId"] = order.Id } });
        JsonMatch.Assert("""{"cancelOrder":{"cancellation":{"state":"PENDING"}}}""", response.AssertSuccess().Data);
    }

    [Fact]
    public async Task V2024_11_01_the_guide_examples_with_and_without_an_input_cancel_the_order()
    {
        var withInput = await _setup.Create(executionState: "STARTED");
        var withoutInput = await _setup.Create();
        var guide = "2024-11-01/cancelOrder.guide-request-order-cancellation";

        // Sent as printed, including reason: "ORDERED_BY_MISTAKE" as a string where the reference declares an enum.
        var first = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.GuideRequest(guide, new Dictionary<string, string> { ["example-order-id"] = withInput.Id }));
        var second = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.GuideRequest(guide + "-with-only-an-order-identifier",
            new Dictionary<string, string> { ["example-order-id"] = withoutInput.Id }));

        // The guide's response shows requestedBy, which its own selection does not ask for; the rest matches.
        var expected = JsonNode.Parse(Docs.Response(guide, new Dictionary<string, string>
        {
            ["example-cancellation-id"] = "<id>", ["example-line-item-id"] = withInput.LineItemId, ["2024-07-19T06:47:22.138Z"] = "<timestamp>",
        }))!;
        expected["data"]!["cancelOrder"]!["cancellation"]!.AsObject().Remove("requestedBy");
        JsonMatch.Assert(expected.ToJsonString(), first.AssertSuccess().Body);
        JsonMatch.Assert("""
            {"data":{"cancelOrder":{"cancellation":{"id":"<id>","aliases":[],"state":"PENDING","reason":null,"additionalComments":null,"createdAt":"<timestamp>","updatedAt":"<timestamp>",
              "canceledFor":{"orderLineItems":[{"lineItem":{"id":"<line>"},"amount":{"value":1,"unit":"ONE"}}]}}}}}
            """, second.AssertSuccess().Body, new Dictionary<string, string> { ["line"] = withoutInput.LineItemId });

        await Bwp.Advance(0);
        // An order whose fulfilment never started has no packages; its cancellation succeeds all the same.
        Assert.Equal("SUCCESS", (string?)(await _setup.Read(withoutInput.Id, CancellationSelection))["lineItems"]![0]!["cancellations"]!["details"]![0]!["state"]);
        Assert.Equal("CANCELLED", (await Bwp.Packages(withInput.Id)).Single().State);
    }

    [Fact]
    public async Task An_order_with_a_package_in_transit_cannot_be_cancelled_and_nothing_changes()
    {
        var order = await _setup.Create(lineItems: 2, executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        (await Bwp.MovePackage(order.Id, package.Id, "IN_TRANSIT")).AssertSuccess();

        var refused = await server.AssertChangesNothing(_setup.Target, order.Id, () => Cancel(order.Id));

        var error = refused.AssertError("ValidationError", "OrderNotCancellable");
        Assert.Contains(package.Id, (string)error["message"]!);
    }

    [Fact]
    public async Task An_order_is_cancelled_once_and_a_cancellation_takes_at_most_five_aliases()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var sixAliases = new JsonArray(Enumerable.Range(1, 6).Select(i => (JsonNode)new JsonObject { ["aliasType"] = "EXTERNAL_CANCELLATION_ID", ["aliasId"] = $"c-{i}" }).ToArray());

        var tooMany = await server.AssertChangesNothing(_setup.Target, order.Id, () => Cancel(order.Id, new JsonObject { ["aliases"] = sixAliases }));
        tooMany.AssertError("ValidationError", "AliasLimitExceeded");
        (await Cancel(order.Id)).AssertSuccess();
        await Bwp.Advance(0);
        var twice = await server.AssertChangesNothing(_setup.Target, order.Id, () => Cancel(order.Id));
        twice.AssertError("ValidationError", "OrderNotCancellable");
        (await Cancel("322-0000-NOPE")).AssertError("ResourceNotFoundError");
        (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, $$"""mutation { cancelOrder(orderIdentifier: { orderId: "{{order.Id}}" }, input: { reason: CHANGED_MIND }) { cancellation { id } } }"""))
            .AssertError("ValidationError");
    }

    private Task<GraphQLResponse> Cancel(string orderId, JsonObject? input = null) =>
        server.Api.Send(_setup.Target, ApiClient.V2024_11_01, """
            mutation($id: OrderIdentifierInput!, $input: CancelOrderInput) { cancelOrder(orderIdentifier: $id, input: $input) { cancellation { id state } } }
            """, new JsonObject { ["id"] = new JsonObject { ["orderId"] = orderId }, ["input"] = input });

    internal const string CancellationState = "lineItems { cancellations { details { state } } }";
}

/// <summary>A BwP that takes ten simulated minutes to decide cancellations, as the real sandbox takes minutes.</summary>
public sealed class CancellationDecisionTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { ConfigurationArgs = [.. ServerFixture.HighRateLimits, "--Simulation:CancellationDecidedAfter=00:10:00"] };
    private OrderSetup _setup = null!;
    private BwpSide Bwp => new(_server.Api, _setup.Target);

    [Fact]
    public async Task A_cancellation_stays_pending_until_bwp_decides_and_succeeds_if_nothing_shipped()
    {
        var order = await _setup.Create(executionState: "STARTED");
        (await Cancel(order.Id)).AssertSuccess();

        Assert.Equal(0, await Bwp.Advance(599));
        Assert.Equal("PENDING", await State(order.Id));
        Assert.Equal(1, await Bwp.Advance(1));
        Assert.Equal("SUCCESS", await State(order.Id));
        Assert.Equal("CANCELLED", (await Bwp.Packages(order.Id)).Single().State);
    }

    [Fact]
    public async Task A_package_shipped_before_bwp_decides_rejects_the_cancellation_and_requests_no_refund()
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await Bwp.Packages(order.Id)).Single();
        (await Cancel(order.Id)).AssertSuccess();
        (await Bwp.MovePackage(order.Id, package.Id, "IN_TRANSIT")).AssertSuccess();

        await Bwp.Advance(600);

        Assert.Equal("REJECTED", await State(order.Id));
        Assert.Equal("IN_TRANSIT", (await Bwp.Packages(order.Id)).Single().State);
        Assert.Empty(await Bwp.Refunds(order.Id));
    }

    private Task<GraphQLResponse> Cancel(string orderId) => _server.Api.Send(_setup.Target, ApiClient.V2024_11_01,
        $$"""mutation { cancelOrder(orderIdentifier: { orderId: "{{orderId}}" }) { cancellation { state } } }""");

    private async Task<string?> State(string orderId) =>
        (string?)(await _setup.Read(orderId, CancelOrderTests.CancellationState))["lineItems"]![0]!["cancellations"]!["details"]![0]!["state"];

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _setup = new OrderSetup(_server.Api, "bp-" + Guid.NewGuid());
    }

    public Task DisposeAsync() => _server.DisposeAsync();
}
