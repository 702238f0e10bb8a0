using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>Refunds and returns as upserts: how entries are matched, and every way an entry is refused.</summary>
public sealed class RefundReturnRulesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Fact]
    public async Task A_refund_is_found_by_bwp_id_by_alias_id_or_by_alias_and_otherwise_created()
    {
        var order = await _setup.Create();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, aliases: OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "ext-1")));

        (await _setup.Update(order.Id, Refunds(Refund(id: refundId, total: 2)))).AssertSuccess();
        (await _setup.Update(order.Id, Refunds(Refund(id: "ext-1", total: 3)))).AssertSuccess();
        (await _setup.Update(order.Id, Refunds(Refund(aliases: OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "ext-1")), total: 4)))).AssertSuccess();
        (await _setup.Update(order.Id, Refunds(Refund(aliases: OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "ext-2")), total: 5)))).AssertSuccess();

        var refunds = (await _setup.Read(order.Id, "refunds { details { id refundTotal { totalAmount { amount } } } summary { refundTotal { totalAmount { amount } } } }"))["refunds"]!;
        JsonMatch.Assert("""
            {"details":[{"id":"<first>","refundTotal":{"totalAmount":{"amount":4}}},{"id":"<id>","refundTotal":{"totalAmount":{"amount":5}}}],
             "summary":{"refundTotal":{"totalAmount":{"amount":9}}}}
            """, refunds, new Dictionary<string, string> { ["first"] = refundId });
        Assert.NotEqual(refundId, (string?)refunds["details"]![1]!["id"]);
    }

    [Fact]
    public async Task Refund_aliases_of_a_known_type_are_replaced_new_types_added_and_payments_accumulate()
    {
        var order = await _setup.Create();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, aliases: OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "old")));

        (await _setup.Update(order.Id, Refunds(Refund(id: refundId, aliases: OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "new"), ("PSP_ID", "psp-1")), payment: "p1")))).AssertSuccess();
        (await _setup.Update(order.Id, Refunds(Refund(id: refundId, payment: "p2")))).AssertSuccess();

        JsonMatch.Assert("""
            {"refunds":{"details":[{"aliases":[{"aliasType":"EXTERNAL_REFUND_ID","aliasId":"new"},{"aliasType":"PSP_ID","aliasId":"psp-1"}],
              "paymentDetails":[{"id":"p1"},{"id":"p2"}]}]}}
            """, await _setup.Read(order.Id, "refunds { details { aliases { aliasType aliasId } paymentDetails { id } } }"));
    }

    public static TheoryData<string, string, string> RefusedRefunds => new()
    {
        { "unknown id", """[{"id":"no-such-refund","refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}}]""", "InvalidRefundId" },
        { "no id, no alias", """[{"refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}}]""", "MissingRefundId" },
        { "same refund twice", """[{"id":"<refund>","refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}},{"id":"<refund>","refundTotal":{"totalAmount":{"amount":2,"currencyCode":"USD"}}}]""", "DuplicateRefundId" },
        { "alias of another refund", """[{"id":"<refund>","aliases":[{"aliasType":"EXTERNAL_REFUND_ID","aliasId":"other"}],"refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}}]""", "InvalidAliasId" },
        { "alias id of another refund under another type", """[{"id":"<refund>","aliases":[{"aliasType":"PSP_ID","aliasId":"other"}],"refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}}]""", "InvalidAliasId" },
        { "new refund with another refund's alias id", """[{"aliases":[{"aliasType":"PSP_ID","aliasId":"mine"}],"refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}}]""", "InvalidAliasId" },
        { "same alias id twice in the request", """[{"id":"<refund>","aliases":[{"aliasType":"A","aliasId":"dup"}],"refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}},{"aliases":[{"aliasType":"B","aliasId":"dup"}],"refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}}}]""", "DuplicateAliasId" },
        { "unknown line item", """[{"aliases":[{"aliasType":"EXTERNAL_REFUND_ID","aliasId":"x"}],"refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}},"refundFor":{"orderLineItems":[{"lineItemId":{"lineItemId":"ghost"}}]}}]""", "ItemDoesNotExist" },
        { "refunded quantity above ordered", """[{"id":"<refund>","refundTotal":{"totalAmount":{"amount":1,"currencyCode":"USD"}},"refundFor":{"orderLineItems":[{"lineItemId":{"lineItemId":"<item>"},"refundedQuantity":{"amount":2}}]}}]""", "InvalidAmount" },
        { "negative total", """[{"id":"<refund>","refundTotal":{"totalAmount":{"amount":-5,"currencyCode":"USD"}}}]""", "InvalidAmount" },
    };

    [Theory]
    [MemberData(nameof(RefusedRefunds))]
    public async Task Refused_refund_entries_change_nothing(string why, string details, string code)
    {
        var order = await _setup.Create();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, aliases: OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "mine")), reason: "CANCELLED_ORDER");
        await _setup.AddRefund(order.Id, order.LineItemId, aliases: OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "other")));
        var input = new JsonObject { ["refunds"] = new JsonObject { ["details"] = JsonNode.Parse(details.Replace("<refund>", refundId).Replace("<item>", order.LineItemId)) } };

        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, input));
        AssertNamesTheEntries(response, code, "refunds.details", why);
    }

    public static TheoryData<string, string, string> RefusedReturns => new()
    {
        { "unknown id", """[{"returnIdentifier":{"id":"ghost"},"state":"CANCELLED"}]""", "InvalidReturnId" },
        { "unknown alias", """[{"returnIdentifier":{"alias":{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"ghost"}},"state":"CANCELLED"}]""", "InvalidReturnId" },
        { "same return twice", """[{"returnIdentifier":{"id":"<return>"},"state":"CANCELLED"},{"returnIdentifier":{"id":"<return>"},"state":"COMPLETED"}]""", "DuplicateReturnId" },
        { "a new return with another return's alias", """[{"aliases":[{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"ret-1"}],"state":"COMPLETED"}]""", "AliasValueAlreadyExists" },
        { "two new returns with one alias", """[{"aliases":[{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"ret-2"}]},{"aliases":[{"aliasType":"ID","aliasId":"ret-2"}]}]""", "AliasValueAlreadyExists" },
        { "an update adding another return's alias", """[{"aliases":[{"aliasType":"ID","aliasId":"ret-3"}]},{"returnIdentifier":{"id":"<return>"},"aliases":[{"aliasType":"ID","aliasId":"ret-3"}]}]""", "AliasValueAlreadyExists" },
        { "new return with an empty line item", """[{"returnLineItems":[{"returnFor":{"orderLineItemAmounts":[]}}]}]""", "InvalidInput" },
        { "more returned than ordered", """[{"returnLineItems":[{"returnFor":{"orderLineItemAmounts":[{"amount":{"value":2},"lineItemId":{"lineItemId":"<item>"}}]}}]}]""", "InvalidAmount" },
        { "unknown line item", """[{"returnLineItems":[{"returnFor":{"orderLineItemAmounts":[{"amount":{"value":1},"lineItemId":{"lineItemId":"ghost"}}]}}]}]""", "ItemDoesNotExist" },
        { "zero amount", """[{"returnLineItems":[{"returnFor":{"orderLineItemAmounts":[{"amount":{"value":0},"lineItemId":{"lineItemId":"<item>"}}]}}]}]""", "InvalidAmount" },
    };

    [Theory]
    [MemberData(nameof(RefusedReturns))]
    public async Task Refused_return_entries_change_nothing(string why, string details, string code)
    {
        var order = await _setup.Create(quantity: 2);
        var returnId = await _setup.AddReturn(order.Id, order.LineItemId, OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "ret-1")));
        var input = new JsonObject { ["returns"] = new JsonObject { ["details"] = JsonNode.Parse(details.Replace("<return>", returnId).Replace("<item>", order.LineItemId)) } };

        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, input));
        AssertNamesTheEntries(response, code, "returns.details", why);
    }

    /// <summary>A refused entry is a ValidationError with <paramref name="code"/> whose message says where in the input it failed.</summary>
    private static void AssertNamesTheEntries(GraphQLResponse response, string code, string list, string why)
    {
        var said = (string?)response.AssertError("ValidationError", code)["message"] ?? "";
        Assert.True(said.Contains(list), $"{why}: expected the message to name {list}, got '{said}'");
    }

    [Fact]
    public async Task An_external_refund_may_change_its_request_reason()
    {
        var order = await _setup.Create();
        var refundId = await _setup.AddRefund(order.Id, order.LineItemId, reason: "CANCELLED_ORDER");
        var changed = Refund(id: refundId);
        changed["refundRequestReason"] = "BILLING_ERROR";

        (await _setup.Update(order.Id, Refunds(changed))).AssertSuccess();
        JsonMatch.Assert("""{"refunds":{"details":[{"refundRequestReason":"BILLING_ERROR"}]}}""", await _setup.Read(order.Id, "refunds { details { refundRequestReason } }"));
    }

    [Fact]
    public async Task A_return_entry_with_aliases_alone_is_a_new_return_that_may_name_its_items_later()
    {
        var order = await _setup.Create(quantity: 2);
        var first = await _setup.AddReturn(order.Id, order.LineItemId, OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "ret-1")));
        var response = await _setup.Update(order.Id, new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
        {
            ["aliases"] = OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "ret-2")),
        }) } }, "returns { details { id } }");
        var second = (string)response.AssertSuccess().Data!["updateOrder"]!["order"]!["returns"]!["details"]![1]!["id"]!;

        (await _setup.Update(order.Id, new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
        {
            ["returnIdentifier"] = new JsonObject { ["alias"] = new JsonObject { ["aliasType"] = "EXTERNAL-RETURN-ID", ["aliasId"] = "ret-2" } },
            ["returnLineItems"] = OrderSetup.ReturnLineItems(order.LineItemId, 1), ["state"] = "COMPLETED",
        }) } })).AssertSuccess();
        JsonMatch.Assert($$$$"""
            {"returns":{"details":[
              {"id":"{{{{first}}}}","state":"CREATED","aliases":[{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"ret-1"}],"returnLineItems":[{"returnFor":{"orderLineItemAmounts":[{"amount":{"value":1}}]}}]},
              {"id":"{{{{second}}}}","state":"COMPLETED","aliases":[{"aliasType":"EXTERNAL-RETURN-ID","aliasId":"ret-2"}],"returnLineItems":[{"returnFor":{"orderLineItemAmounts":[{"amount":{"value":1}}]}}]}]}}
            """, await _setup.Read(order.Id, "returns { details { id state aliases { aliasType aliasId } returnLineItems { returnFor { orderLineItemAmounts { amount { value } } } } } }"));
    }

    [Fact]
    public async Task Cancelling_a_return_frees_its_amount_for_a_new_return()
    {
        var order = await _setup.Create();
        var first = await _setup.AddReturn(order.Id, order.LineItemId);
        (await _setup.Update(order.Id, new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
        {
            ["returnIdentifier"] = new JsonObject { ["id"] = first }, ["state"] = "CANCELLED",
        }) } })).AssertSuccess();

        await _setup.AddReturn(order.Id, order.LineItemId);
        Assert.Equal(2, (await _setup.Read(order.Id, "returns { details { id } }"))["returns"]!["details"]!.AsArray().Count);
    }

    private static JsonObject Refunds(params JsonObject[] details) =>
        new() { ["refunds"] = new JsonObject { ["details"] = new JsonArray(details) } };

    private static JsonObject Refund(string? id = null, JsonArray? aliases = null, decimal total = 1, string? payment = null)
    {
        var refund = new JsonObject { ["refundTotal"] = new JsonObject { ["totalAmount"] = new JsonObject { ["amount"] = total, ["currencyCode"] = "USD" } } };
        if (id is not null) refund["id"] = id;
        if (aliases is not null) refund["aliases"] = aliases;
        if (payment is not null)
            refund["paymentDetails"] = new JsonArray(new JsonObject
            {
                ["id"] = payment,
                ["amount"] = new JsonObject { ["amount"] = 1, ["currencyCode"] = "USD" },
                ["paymentMethod"] = new JsonObject { ["type"] = "CARD" },
            });
        return refund;
    }
}
