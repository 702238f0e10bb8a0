using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Every request of the 2024-11-01 updateOrder reference, sent as written (only server-assigned ids
/// substituted) to an order fresh from the documented createOrder example, checked against the documented
/// response, then read back with the order query. The only other setup is the refund or return a seed names as
/// existing (by id or returnIdentifier).
/// </summary>
public sealed class SeedRequests_2024_11_01_Tests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private DocumentedOrders Orders => new(server, _setup.Target);

    private const string ReturnExpected = """
        {"id":"<return>","createdAt":"<timestamp>","updatedAt":"<timestamp>","state":"<state>",
         "aliases":[{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"<alias>"}],
         "returnLineItems":[{"id":"<id>","returnFor":{"orderLineItemAmounts":[
           {"amount":{"value":1.0},"lineItem":{"id":"<lineItem>","amount":{"value":1.0}}}]}}]}
        """;

    [Theory]
    [InlineData("2024-11-01.update-return-without-alias")]
    [InlineData("2024-11-01.update-return-with-alias")]
    public async Task Update_return_cancels_the_named_return(string seed)
    {
        var order = await Orders.Create_2024_11_01();
        var returnId = await _setup.AddReturn(order.Id, order.LineItemId, OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "external-return-id-1")));
        var request = Seeds.Request(seed, new Dictionary<string, string> { ["123-4567-8910"] = order.Id }
            .With(seed.EndsWith("without-alias") ? ("return-id-1", returnId) : null));

        await SendAndVerify(request, order.Id, Returns(Return(returnId, "CANCELLED", "external-return-id-1", order.LineItemId)));
    }

    [Theory]
    [InlineData("2024-11-01.update-refund-with-alias-id", false)]
    [InlineData("2024-11-01.update-refund", true)]
    public async Task Update_refund_records_success_on_the_requested_refund(string seed, bool byBwpId)
    {
        var order = await Orders.Create_2024_11_01();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, "PENDING",
            OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "external-refund-id-1")), reason: "CANCELLED_ORDER");
        var ids = new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["1234567"] = order.LineItemId };
        if (byBwpId) ids["refund-123"] = refundId;

        await SendAndVerify(Seeds.Request(seed, ids), order.Id, $$$$"""
            {"refunds":{"details":[{"id":"{{{{refundId}}}}","state":"SUCCESS","refundRequestReason":"CANCELLED_ORDER",
              "aliases":[{"aliasType":"EXTERNAL_REFUND_ID","aliasId":"external-refund-id-1"}],
              "refundTotal":{"totalAmount":{"amount":10,"currencyCode":"USD"}}}]}}
            """);
        var events = await server.Store.ReadOutboxAsync(_setup.Target, order.Id);
        Assert.Equal(["ORDER_CONFIRMED", "REFUND_COMPLETED"], events.Select(e => e.EventType));
    }

    [Fact]
    public async Task Update_multiple_returns_cancels_both()
    {
        var order = await Orders.Create_2024_11_01(lineItems: 2);
        var first = await _setup.AddReturn(order.Id, order.LineItemIds[0], OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "external-return-id-1")));
        var second = await _setup.AddReturn(order.Id, order.LineItemIds[1], OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "external-return-id-2")));
        var request = Seeds.Request("2024-11-01.update-multiple-returns", new Dictionary<string, string>
        {
            ["123-4567-8910"] = order.Id, ["return-id-1"] = first, ["return-id-2"] = second,
        });

        await SendAndVerify(request, order.Id, Returns(
            Return(first, "CANCELLED", "external-return-id-1", order.LineItemIds[0]),
            Return(second, "CANCELLED", "external-return-id-2", order.LineItemIds[1])));
    }

    [Fact]
    public async Task Sync_return_without_alias_creates_a_return_with_a_new_id()
    {
        var order = await Orders.Create_2024_11_01();
        var request = Seeds.Request("2024-11-01.sync-return-without-alias", new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["1234567"] = order.LineItemId });

        await SendAndVerify(request, order.Id, $$$$"""
            {"returns":{"details":[{"id":"<id>","createdAt":"<timestamp>","updatedAt":"<timestamp>","state":"CREATED",
              "returnLineItems":[{"id":"<id>","returnFor":{"orderLineItemAmounts":[
                {"amount":{"value":1.0},"lineItem":{"id":"{{{{order.LineItemId}}}}","amount":{"value":1.0}}}]}}]}]}}
            """);
        // The merchant's own return sync is no BwP event.
        var events = await server.Store.ReadOutboxAsync(_setup.Target, order.Id);
        Assert.Equal(["ORDER_CONFIRMED"], events.Select(e => e.EventType));
    }

    [Fact]
    public async Task Sync_return_with_alias_creates_a_return_carrying_the_alias()
    {
        var order = await Orders.Create_2024_11_01();
        var request = Seeds.Request("2024-11-01.sync-return-with-alias", new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["1234567"] = order.LineItemId });

        await SendAndVerify(request, order.Id, Returns(Return("<id>", "CREATED", "external-return-id-1", order.LineItemId)));
    }

    [Fact]
    public async Task Sync_refund_records_an_external_refund()
    {
        var order = await Orders.Create_2024_11_01();
        var request = Seeds.Request("2024-11-01.sync-refund", new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["1234567"] = order.LineItemId });

        await SendAndVerify(request, order.Id, """
            {"refunds":{"details":[{"id":"<id>","state":"SUCCESS","refundRequestReason":"DAMAGED_DEFECTIVE_ITEM",
              "aliases":[{"aliasType":"externalRefundId","aliasId":"external-refund-id-1"}],
              "refundTotal":{"totalAmount":{"amount":3}}}]}}
            """);
    }

    [Fact]
    public async Task Sync_multiple_returns_creates_both()
    {
        var order = await Orders.Create_2024_11_01(lineItems: 2);
        var request = Seeds.Request("2024-11-01.sync-multiple-returns", new Dictionary<string, string>
        {
            ["12345678910"] = order.Id, ["1234567"] = order.LineItemIds[0], ["7654321"] = order.LineItemIds[1],
        });

        await SendAndVerify(request, order.Id, Returns(
            Return("<id>", "CREATED", "external-return-id-1", order.LineItemIds[0]),
            Return("<id>", "CREATED", "external-return-id-2", order.LineItemIds[1])));
    }

    [Fact]
    public async Task Reject_refund_finds_the_refund_by_alias()
    {
        var order = await Orders.Create_2024_11_01();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, "PENDING",
            OrderSetup.Aliases(("externalRefundId", "external-refund-id-1")), reason: "CANCELLED_ORDER");
        var request = Seeds.Request("2024-11-01.reject-refund", new Dictionary<string, string> { ["123-4567-8910"] = order.Id });

        await SendAndVerify(request, order.Id, $$$$"""
            {"refunds":{"details":[{"id":"{{{{refundId}}}}","state":"REJECTED","refundRequestReason":"CANCELLED_ORDER",
              "refundStatusReason":"REFUND_ALREADY_PROCESSED",
              "aliases":[{"aliasType":"externalRefundId","aliasId":"external-refund-id-1"}],
              "refundTotal":{"totalAmount":{"amount":0}}}]}}
            """);
    }

    [Fact]
    public async Task Initiate_fulfilment_with_all_order_details_merges_everything_and_starts()
    {
        // A fresh order: nothing named 123-456 exists. The return entry (aliases only) is a new external return; the
        // package 123-456 is recorded as the merchant sent it, beside the package BwP creates as fulfilment starts.
        var order = await Orders.Create_2024_11_01();
        var request = Seeds.Request("2024-11-01.initiate-fulfilment-with-all-order-details", new Dictionary<string, string>
        {
            ["322-ABC1-AAAAAA"] = order.Id, ["example-line-item-id"] = order.LineItemId, ["ofmmgl63ta8u14"] = order.LineItemId,
        });

        // The doc's response also shows product.price, which the request does not select: per GraphQL it is absent.
        // Its order has only the seed's aliases; this one also has the two the documented createOrder gave it.
        await SendAndVerify(request, order.Id, """
            {"lineItems":[{"amount":{"unit":"ONE","value":1},"createdAt":"<timestamp>","product":{"title":"example-product-title"}}],
             "aliases":[{"aliasType":"EXTERNAL_DISPLAY_ID","aliasId":"external-order-display-id"},{"aliasType":"EXTERNAL_ID","aliasId":"external-order-id"},
               {"aliasType":"ID","aliasId":"123-456"},{"aliasType":"EXTERNAL_ITEM_ID","aliasId":"external-line-item-id-123-456"}]}
            """);

        var stored = await _setup.Read(order.Id);
        Assert.Equal("STARTED", (string?)stored["metadata"]!["executionState"]);
        var item = stored["lineItems"]![0]!;
        Assert.Equal(3, item["aliases"]!.AsArray().Count);
        Assert.Equal(2.8m, (decimal)item["discounts"]!["summary"]!["amount"]!["amount"]!);
        Assert.Equal(38.79m, (decimal)item["payments"]!["details"]![0]!["amount"]!["amount"]!);
        Assert.Equal(1.02m, (decimal)item["taxes"]!["summary"]!["collectableTaxAmount"]!["amount"]!);
        JsonMatch.Assert("""
            {"summary":{"state":"PENDING"},"details":[
              {"id":"<id>","aliases":[],"state":"PENDING"},
              {"id":"123-456","aliases":[{"aliasType":"EXTERNAL_ID","aliasId":"123-456"}],"state":"PENDING"}]}
            """, stored["packageInformation"]);
        Assert.Equal("payment-transfer-id-1", (string?)stored["payments"]!["details"]![0]!["id"]);
        Assert.Equal(10m, (decimal)stored["totalPrice"]!["value"]!["amount"]!);
        Assert.Equal(10m, (decimal)stored["taxes"]!["summary"]!["collectableTaxAmount"]!["amount"]!);
        Assert.Equal("TENPERCENTOFF", (string?)stored["discounts"]!["summary"]!["displayString"]);
        Assert.Equal("https://mystore123.com/orders/512968435", (string?)stored["orderLinks"]!.AsArray().Last()!["url"]);
        var refund = stored["refunds"]!["details"]![0]!;
        Assert.Equal("SUCCESS", (string?)refund["state"]);
        Assert.Equal(2, refund["aliases"]!.AsArray().Count);
        Assert.Equal(order.LineItemId, (string?)refund["refundFor"]!["orderLineItems"]![0]!["lineItem"]!["id"]);
        JsonMatch.Assert("""
            [{"id":"<id>","aliases":[{"aliasType":"ID","aliasId":"123-456"}],"state":"CREATED","createdAt":"<timestamp>","updatedAt":"<timestamp>","returnLineItems":[]}]
            """, stored["returns"]!["details"]);

        var events = (await server.Store.ReadOutboxAsync(_setup.Target, order.Id)).Select(e => e.EventType).ToList();
        Assert.Equal(["ORDER_CONFIRMED", "REFUND_COMPLETED"], events);
    }

    [Fact]
    public async Task Initiate_fulfillment_with_order_id_starts_fulfillment()
    {
        var order = await Orders.Create_2024_11_01();
        var request = Seeds.Request("2024-11-01.initiate-fulfillment-with-order-id", new Dictionary<string, string> { ["123-4567-8910"] = order.Id });

        await SendAndVerify(request, order.Id, "{}");
        Assert.Equal("STARTED", (string?)(await _setup.Read(order.Id, "metadata { executionState }"))["metadata"]!["executionState"]);
    }

    [Fact]
    public async Task Initiate_fulfillment_with_alias_finds_the_order_by_alias()
    {
        var order = await Orders.Create_2024_11_01();
        // The seed's alias id stands for the order's own: the documented createOrder gave it EXTERNAL_ID external-order-id.
        var request = Seeds.Request("2024-11-01.initiate-fulfillment-with-alias", new Dictionary<string, string> { ["123-4567-8910"] = "external-order-id" });

        await SendAndVerify(request, order.Id, "{}");
        Assert.Equal("STARTED", (string?)(await _setup.Read(order.Id, "metadata { executionState }"))["metadata"]!["executionState"]);
    }

    /// <summary>
    /// Sends the seed, checks <c>{"updateOrder":{"order":{"id": orderId, ...expectedFields}}}</c>, then reads the
    /// order back with the seed's own selection set and checks the same fields were stored.
    /// </summary>
    private async Task SendAndVerify(string request, string orderId, string expectedFields)
    {
        var expected = JsonNode.Parse(expectedFields)!.AsObject();
        expected["id"] = orderId;
        var response = (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, request)).AssertSuccess();
        JsonMatch.Assert(new JsonObject { ["updateOrder"] = new JsonObject { ["order"] = expected.DeepClone() } }.ToJsonString(), response.Data);

        var stored = await _setup.Read(orderId, SeedSelections.OrderSelection(request));
        JsonMatch.Assert(expected.ToJsonString(), stored);
    }

    private static string Return(string id, string state, string alias, string lineItemId) => ReturnExpected
        .Replace("<return>", id).Replace("<state>", state).Replace("<alias>", alias).Replace("<lineItem>", lineItemId);

    private static string Returns(params string[] details) => $$$$"""{"returns":{"details":[{{{{string.Join(",", details)}}}}]}}""";
}

internal static class DictionaryExtensions
{
    public static Dictionary<string, string> With(this Dictionary<string, string> ids, (string Key, string Value)? extra)
    {
        if (extra is { } e) ids[e.Key] = e.Value;
        return ids;
    }
}
