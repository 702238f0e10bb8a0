using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Returns a shopper starts through BwP (the control API plays the shopper): the return package travels back by the
/// sandbox's updateOrderReturns, the items are graded, the return completes and BwP asks the merchant for a refund.
/// </summary>
public sealed class ShopperReturnTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private BwpSide Bwp => new(server.Api, _setup.Target);

    [Fact]
    public async Task V2024_11_01_a_return_travels_back_is_graded_completes_and_its_refund_is_settled()
    {
        var order = await DeliveredOrder(quantity: 2);
        var (returnId, packageId, returnLineItemId) = await Bwp.StartReturn(order.Id, order.LineItemId, amount: 1);
        var ids = new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["example-return-identifier-id"] = returnId, ["example-return-package-id"] = packageId };

        foreach (var step in new[] { "dropped-off", "in-transit" })
        {
            var name = $"2024-11-01/updateOrderReturns.update-return-package-as-{step}";
            var moved = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.Request(name, ids));
            JsonMatch.Assert(Docs.Response(name, new Dictionary<string, string> { ["123-4567-8910"] = order.Id }), moved.AssertSuccess().Body);
        }
        // BwP asks for the refund as soon as the package is dropped off, once per return.
        Assert.Equal(("PENDING", "RETURN_DROPPED_OFF_PICKED_UP", 10m), (await Bwp.Refunds(order.Id)).Select(r => (r.State, r.Reason, r.Total)).Single());
        (await Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, "DELIVERED")])).AssertSuccess();
        Assert.Equal("CREATED", await Bwp.ReturnState(returnId)); // delivered, not yet graded
        (await Bwp.MoveReturn(order.Id, returnId, gradings: [(returnLineItemId, "SELLABLE")])).AssertSuccess();

        var refund = (await Bwp.Refunds(order.Id)).Single();
        var settle = Seeds.Request("2024-11-01.update-refund", new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["refund-123"] = refund.Id, ["1234567"] = order.LineItemId });
        (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, settle)).AssertSuccess();

        Assert.Equal("COMPLETED", await Bwp.ReturnState(returnId));
        Assert.Equal(["RETURN_STARTED", "REFUND_REQUESTED", "RETURN_PACKAGE_IN_TRANSIT", "PACKAGE_TRACKER_MILESTONE_CHANGED", "RETURN_PACKAGE_DELIVERED",
            "PACKAGE_TRACKER_MILESTONE_CHANGED", "RETURN_ITEM_GRADED", "RETURN_COMPLETED", "REFUND_COMPLETED"], (await Bwp.Events(order.Id))[^9..]);
        Assert.Equal(["RETURN_STARTED", "REFUND_REQUESTED", "RETURN_DELIVERY_IN_TRANSIT", "RETURN_DELIVERY_COMPLETED", "RETURN_ITEM_GRADED", "RETURN_COMPLETED"],
            (await Bwp.Events(order.Id, ApiClient.V2024_01_01))[^6..]);
    }

    [Fact]
    public async Task V2024_11_01_createReturn_submitted_at_once_gets_its_return_package()
    {
        var order = await DeliveredOrder(quantity: 2);

        var created = await CreateReturn(order.Id, order.LineItemId, 2, "STARTED");

        var details = created.AssertSuccess().Data!["createReturn"]!["returnDetails"]!;
        Assert.Equal("CREATED", (string?)details["state"]);
        Assert.StartsWith("RMA", (string?)details["returnPackageDetails"]![0]!["rma"]);
        Assert.Equal("RETURN_STARTED", (await Bwp.Events(order.Id)).Last());
        (await Bwp.MoveReturn(order.Id, (string)details["id"]!, packages: [((string)details["returnPackageDetails"]![0]!["id"]!, "DROPPED_OFF")])).AssertSuccess();
        Assert.Equal(20m, (await Bwp.Refunds(order.Id)).Single().Total);
    }

    [Fact]
    public async Task V2024_11_01_a_draft_return_waits_for_updateReturn_to_submit_it_before_it_expires()
    {
        var order = await DeliveredOrder(quantity: 2);
        var draft = (await CreateReturn(order.Id, order.LineItemId, 1)).AssertSuccess().Data!["createReturn"]!["returnDetails"]!;
        var returnId = (string)draft["id"]!;
        Assert.Equal(("DRAFT", 0), ((string?)draft["state"], draft["returnPackageDetails"]!.AsArray().Count));
        Assert.DoesNotContain("RETURN_STARTED", await Bwp.Events(order.Id));

        var tooMany = await server.AssertChangesNothing(_setup.Target, order.Id, () => UpdateReturn(returnId, OrderSetup.Aliases(("A", "1"), ("B", "2"), ("C", "3"))));
        tooMany.AssertError("ValidationError", "AliasLimitExceeded");
        var submitted = await UpdateReturn(returnId, OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "rma-77")), "STARTED");

        JsonMatch.Assert("""{"updateReturn":{"returnDetails":{"id":"<return>","state":"CREATED","aliases":[{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"rma-77"}]}}}""",
            submitted.AssertSuccess().Data, new Dictionary<string, string> { ["return"] = returnId });
        Assert.Equal("RETURN_STARTED", (await Bwp.Events(order.Id)).Last());
        (await server.AssertChangesNothing(_setup.Target, order.Id, () => UpdateReturn(returnId, submit: "STARTED"))).AssertError("ValidationError", "InvalidReturnStateTransition");

        var late = (string)(await CreateReturn(order.Id, order.LineItemId, 1)).AssertSuccess().Data!["createReturn"]!["returnDetails"]!["id"]!;
        await Bwp.Advance(TimeSpan.FromDays(2).TotalSeconds);
        var expired = await server.AssertChangesNothing(_setup.Target, order.Id, () => UpdateReturn(late, submit: "STARTED"));
        Assert.Contains("expired", (string)expired.AssertError("ValidationError", "InvalidReturnStateTransition")["message"]!);
        (await UpdateReturn("no-such-return", submit: "STARTED")).AssertError("ResourceNotFoundError");
        var undelivered = await _setup.Create(executionState: "STARTED");
        (await CreateReturn(undelivered.Id, undelivered.LineItemId, 1, "STARTED")).AssertError("ValidationError", "ItemNotReturnable");
    }

    [Fact]
    public async Task V2024_11_01_the_return_query_shows_what_bwp_knows_of_a_return()
    {
        var order = await DeliveredOrder(quantity: 1);
        var (returnId, packageId, returnLineItemId) = await Bwp.StartReturn(order.Id, order.LineItemId, reason: "NO_LONGER_NEEDED");
        (await Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, "IN_TRANSIT")], gradings: [(returnLineItemId, "DAMAGED")])).AssertSuccess();

        // The page's example is cut off inside returnDeliveryGroups; everything before it is sent as printed, and the
        // rest is the selection the updateReturn example makes of returnDeliveryGroups.
        var partial = Docs.PartialRequest("2024-11-01/return.get-return-with-submitted-reason-andreturn-delivery-offer-before-return-is-submitted", new Dictionary<string, string> { ["return-id"] = returnId });
        var document = partial[..partial.LastIndexOf("returnDeliveryGroups", StringComparison.Ordinal)] + """
            returnDeliveryGroups { returnDeliveryOffer { details { id message { instructions { locale value } } returnDeliveryTerm { locator { locatorDisplayString { value } url } } } } } } } }
            """;
        var response = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, document);

        var details = response.AssertSuccess().Data!["return"]!["returnDetails"]!;
        JsonMatch.Assert("""
            {"id":"<return>","state":"CREATED","aliases":[],
             "returnLineItems":[{"id":"<item>","product":{"sku":{"value":"sku-0"},"price":{"amount":10,"currencyCode":"USD"}},
               "returnReasonTerm":{"reasonCode":"NO_LONGER_NEEDED"},
               "returnFor":{"orderLineItemAmounts":[{"amount":{"unit":"ONE","value":1},"lineItem":{"id":"<line>","amount":{"unit":"ONE","value":1}}}]},
               "grading":{"summary":{"gradedAmount":{"unit":"ONE","value":1},"unitWiseCondition":[{"condition":"DAMAGED","amount":{"unit":"ONE","value":1}}]}}}],
             "refundTerm":{"estimatedRefundTotal":{"totalAmount":{"amount":10,"currencyCode":"USD"}}},
             "returnPackageDetails":[{"id":"<package>","state":"IN_TRANSIT","packageTrackerIdentifier":{"carrierCode":"ups"},
               "returnPackageFor":{"orderLineItemAmounts":[{"amount":{"unit":"ONE","value":1},"lineItem":{"id":"<line>"}}],
                 "returnLineItemAmounts":[{"amount":{"unit":"ONE","value":1},"returnLineItem":{"id":"<item>"}}]}}],
             "returnDeliveryGroups":[{"returnDeliveryOffer":{"details":{"id":"<offer>","returnDeliveryTerm":{"locator":{"url":"<id>"}}}}}]}
            """, Pick(details, new JsonObject
            {
                ["id"] = true, ["state"] = true, ["aliases"] = true,
                ["returnLineItems"] = new JsonObject
                {
                    ["id"] = true, ["product"] = new JsonObject { ["sku"] = true, ["price"] = true }, ["returnReasonTerm"] = new JsonObject { ["reasonCode"] = true },
                    ["returnFor"] = true, ["grading"] = true,
                },
                ["refundTerm"] = new JsonObject { ["estimatedRefundTotal"] = true },
                ["returnPackageDetails"] = new JsonObject
                {
                    ["id"] = true, ["state"] = true, ["packageTrackerIdentifier"] = new JsonObject { ["carrierCode"] = true }, ["returnPackageFor"] = true,
                },
                // A return the shopper submitted at once goes back by the default offer, the drop-off.
                ["returnDeliveryGroups"] = new JsonObject { ["returnDeliveryOffer"] = new JsonObject { ["details"] = new JsonObject
                {
                    ["id"] = true, ["returnDeliveryTerm"] = new JsonObject { ["locator"] = new JsonObject { ["url"] = true } },
                } } },
            }), new Dictionary<string, string> { ["return"] = returnId, ["item"] = returnLineItemId, ["line"] = order.LineItemId, ["package"] = packageId, ["offer"] = returnId + "-dropoff" });
        var package = details["returnPackageDetails"]![0]!;
        Assert.StartsWith("RMA", (string?)package["rma"]);
        Assert.StartsWith("https://", (string?)package["labels"]![0]!["url"]);
        Assert.True(DateTimeOffset.Parse((string)details["expiresAt"]!) > DateTimeOffset.Parse((string)details["createdAt"]!));

        (await server.Api.Send(_setup.Target, null, """{ return(input: { id: "no-such-return" }) { returnDetails { id } } }""")).AssertError("ResourceNotFoundError");
        (await server.Api.Send("bp-" + Guid.NewGuid(), null, $$"""{ return(input: { id: "{{returnId}}" }) { returnDetails { id } } }""")).AssertError("ResourceNotFoundError");
    }

    [Fact]
    public async Task V2024_11_01_a_failed_return_package_announces_the_failure_and_final_states_move_no_further()
    {
        var order = await DeliveredOrder();
        var (returnId, packageId, _) = await Bwp.StartReturn(order.Id, order.LineItemId);
        var ids = new Dictionary<string, string> { ["123-4567-8910"] = order.Id, ["example-return-identifier-id"] = returnId, ["example-return-package-id"] = packageId };

        var skipping = await server.AssertChangesNothing(_setup.Target, order.Id, () => Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, "DELIVERED")]));
        var error = skipping.AssertError("ValidationError", "InvalidReturnPackageStateTransition");
        Assert.Contains("from CREATED to DELIVERED", (string)error["message"]!);
        (await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.Request("2024-11-01/updateOrderReturns.update-return-package-as-in-transit", ids))).AssertSuccess();
        var failed = await server.Api.Send(_setup.Target, ApiClient.V2024_11_01, Docs.Request("2024-11-01/updateOrderReturns.update-return-package-as-failed", ids));

        JsonMatch.Assert(Docs.Response("2024-11-01/updateOrderReturns.update-return-package-as-failed", new Dictionary<string, string> { ["123-4567-8910"] = order.Id }), failed.AssertSuccess().Body);
        Assert.Equal("RETURN_PACKAGE_DELIVERY_FAILED", (await Bwp.Events(order.Id))[^2]);
        Assert.Empty(await Bwp.Refunds(order.Id));
        (await server.AssertChangesNothing(_setup.Target, order.Id, () => Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, "DELIVERED")])))
            .AssertError("ValidationError", "InvalidReturnPackageStateTransition");
        (await Bwp.MoveReturn(order.Id, returnId, packages: [("no-such-package", "IN_TRANSIT")])).AssertError("ValidationError", "ReturnPackageNotFound");
        (await Bwp.MoveReturn(order.Id, "no-such-return", packages: [(packageId, "IN_TRANSIT")])).AssertError("ValidationError", "InvalidReturnId");
    }

    [Fact]
    public async Task V2024_01_01_the_sandbox_completes_a_return_at_once_and_the_guide_query_shows_it()
    {
        var order = await DeliveredOrder(quantity: 3);
        var (returnId, _, _) = await Bwp.StartReturn(order.Id, order.LineItemId, amount: 2);

        var completed = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, """
            mutation($input: UpdateOrderReturnsInput!) { updateOrderReturns(input: $input) { order { id } } }
            """, new JsonObject { ["input"] = new JsonObject
            {
                ["orderId"] = order.Id,
                ["details"] = new JsonArray(new JsonObject { ["id"] = returnId, ["returnDetailsState"] = new JsonObject { ["state"] = "COMPLETED" } }),
            } });
        completed.AssertSuccess();

        var name = "2024-01-01/order.query-the-order-return-sandbox-guide";
        var read = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, Docs.Request(name), Docs.Variables(name, new Dictionary<string, string> { ["example-order-id"] = order.Id }));
        JsonMatch.Assert("""
            {"order":{"id":"<order>","returns":{"details":[{"id":"<return>","state":"COMPLETED",
              "returnFor":{"orderLineItems":[{"lineItem":{"id":"<line>"},"returnedQuantity":{"amount":2,"unit":"ONE"}}]}}]}}}
            """, read.AssertSuccess().Data, new Dictionary<string, string> { ["order"] = order.Id, ["return"] = returnId, ["line"] = order.LineItemId });
        Assert.Equal(("PENDING", "RETURN_RECEIVED", 20m), (await Bwp.Refunds(order.Id)).Select(r => (r.State, r.Reason, r.Total)).Single());
        Assert.Equal(["RETURN_STARTED", "RETURN_DELIVERY_COMPLETED", "REFUND_REQUESTED", "RETURN_COMPLETED"], (await Bwp.Events(order.Id, ApiClient.V2024_01_01))[^4..]);
    }

    [Fact]
    public async Task Bwp_returns_belong_to_bwp_and_external_returns_to_the_merchant()
    {
        var order = await DeliveredOrder(quantity: 2);
        var (bwpReturn, packageId, _) = await Bwp.StartReturn(order.Id, order.LineItemId);
        var external = await _setup.AddReturn(order.Id, order.LineItemId);

        var cancelBwp = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject
        {
            ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = bwpReturn }, ["state"] = "CANCELLED" }) },
        }));
        cancelBwp.AssertError("ValidationError", "ReturnNotUpdatable");
        var moveExternal = await server.AssertChangesNothing(_setup.Target, order.Id, () => Bwp.MoveReturn(order.Id, external, packages: [(packageId, "IN_TRANSIT")]));
        moveExternal.AssertError("ValidationError", "InvalidReturnId");
        (await _setup.Update(order.Id, new JsonObject
        {
            ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = external }, ["state"] = "CANCELLED" }) },
        })).AssertSuccess();
    }

    [Fact]
    public async Task A_shopper_returns_only_what_amazon_delivered_and_not_yet_returned()
    {
        var items = new JsonArray(OrderSetup.LineItem("amazon", 2, 0), OrderSetup.LineItem("merchant", 1, 1, "MERCHANT"));
        var order = await _setup.Create(executionState: "STARTED", items: items);
        var notDelivered = await server.AssertChangesNothing(_setup.Target, order.Id, () => StartReturn(order.Id, order.LineItemIds[0], 1));
        Assert.Equal("ItemNotReturnable", Code(notDelivered.Body));
        await Bwp.DeliverAll(order.Id);

        Assert.Equal(HttpStatusCode.OK, (await StartReturn(order.Id, order.LineItemIds[0], 1)).Status);
        var twice = await server.AssertChangesNothing(_setup.Target, order.Id, () => StartReturn(order.Id, order.LineItemIds[0], 2));
        Assert.Contains("1 of line item", (string?)twice.Body["errors"]![0]!["message"]);
        var merchant = await StartReturn(order.Id, order.LineItemIds[1], 1);
        Assert.Equal("ItemNotReturnable", Code(merchant.Body));
        var unknown = await StartReturn(order.Id, "no-such-line", 1);
        Assert.Equal("ItemDoesNotExist", Code(unknown.Body));
        var (status, malformed) = await server.Api.Control(HttpMethod.Post, $"/orders/{order.Id}/returns", _setup.Target,
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["lineItemId"] = order.LineItemIds[0], ["amount"] = 1, ["additionalComments"] = new string('x', 2001) }) });
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidInput"), (status, Code(malformed)));
    }

    private static string? Code(JsonNode body) => (string?)body["errors"]![0]!["extensions"]!["classification"]!["code"];

    private async Task<CreatedOrder> DeliveredOrder(decimal quantity = 1)
    {
        var order = await _setup.Create(quantity: quantity, executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        return order;
    }

    private Task<(HttpStatusCode Status, JsonNode Body)> StartReturn(string orderId, string lineItemId, decimal amount) =>
        server.Api.Control(HttpMethod.Post, $"/orders/{orderId}/returns", _setup.Target,
            new JsonObject { ["items"] = new JsonArray(new JsonObject { ["lineItemId"] = lineItemId, ["amount"] = amount }) });

    private Task<GraphQLResponse> CreateReturn(string orderId, string lineItemId, decimal amount, string? desired = null) =>
        Bwp.CreateReturn(orderId, lineItemId, amount, desired, "id state returnPackageDetails { id rma }");

    private Task<GraphQLResponse> UpdateReturn(string returnId, JsonArray? aliases = null, string? submit = null) =>
        Bwp.UpdateReturn(new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = returnId }, ["aliases"] = aliases, ["desiredReturnExecutionState"] = submit },
            "id state aliases { aliasType aliasId }");

    /// <summary>The parts of <paramref name="node"/> named in <paramref name="shape"/> (true: the whole value); arrays element-wise.</summary>
    private static JsonNode? Pick(JsonNode? node, JsonObject shape) => node switch
    {
        JsonArray array => new JsonArray(array.Select(e => Pick(e, shape)).ToArray()),
        JsonObject obj => new JsonObject(shape.Select(s => KeyValuePair.Create(s.Key,
            s.Value is JsonObject inner ? Pick(obj[s.Key], inner) : obj[s.Key]?.DeepClone()))),
        _ => node?.DeepClone(),
    };
}
