using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>updateOrder's merge rules for order-level fields, line items and payments (API 2024-11-01).</summary>
public sealed class MergeRulesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Fact]
    public async Task A_partial_update_changes_only_what_it_names()
    {
        var order = await _setup.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "partial")));
        var before = (await _setup.Read(order.Id)).AsObject();

        (await _setup.Update(order.Id, new JsonObject { ["taxes"] = Taxes(3.5m) })).AssertSuccess();

        var after = (await _setup.Read(order.Id)).AsObject();
        Assert.Equal(3.5m, (decimal)after["taxes"]!["summary"]!["collectableTaxAmount"]!["amount"]!);
        foreach (var changed in new[] { "taxes", "metadata" }) { before.Remove(changed); after.Remove(changed); }
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Null_or_repeated_values_leave_the_order_untouched()
    {
        var order = await _setup.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "nulls")));
        (await _setup.Update(order.Id, new JsonObject { ["discounts"] = Discount(1), ["orderLinks"] = Links("https://shop.example/1") })).AssertSuccess();

        await server.AssertChangesNothing(_setup.Target, order.Id, async () => (await _setup.Update(order.Id, new JsonObject
        {
            ["recipient"] = null, ["discounts"] = null, ["orderLinks"] = null, ["aliases"] = null, ["taxes"] = null,
        })).AssertSuccess());
        await server.AssertChangesNothing(_setup.Target, order.Id, async () => (await _setup.Update(order.Id, new JsonObject
        {
            ["discounts"] = Discount(1), ["orderLinks"] = Links("https://shop.example/1"), ["aliases"] = OrderSetup.Aliases(("EXTERNAL_ID", "nulls")),
        })).AssertSuccess());
    }

    [Fact]
    public async Task Aliases_and_order_links_are_appended_never_replaced()
    {
        var order = await _setup.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "first")));
        (await _setup.Update(order.Id, new JsonObject { ["orderLinks"] = Links("https://shop.example/a") })).AssertSuccess();

        var response = await _setup.Update(order.Id, new JsonObject
        {
            ["aliases"] = OrderSetup.Aliases(("EXTERNAL_DISPLAY_ID", "second")),
            ["orderLinks"] = Links("https://shop.example/b", "https://shop.example/a"),
        }, "aliases { aliasType aliasId } orderLinks { url }");

        JsonMatch.Assert("""
            {"aliases":[{"aliasType":"EXTERNAL_ID","aliasId":"first"},{"aliasType":"EXTERNAL_DISPLAY_ID","aliasId":"second"}],
             "orderLinks":[{"url":"https://shop.example/a"},{"url":"https://shop.example/b"}]}
            """, response.AssertSuccess().Data!["updateOrder"]!["order"]!.AsObject().DeepClone().AsObject().Also(o => o.Remove("id")));
    }

    [Fact]
    public async Task Discounts_are_set_once_and_cannot_be_changed()
    {
        var order = await _setup.Create();
        (await _setup.Update(order.Id, new JsonObject { ["discounts"] = Discount(2.8m) })).AssertSuccess();

        var changed = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject { ["discounts"] = Discount(5) }));
        Assert.Contains("discounts", (string?)changed.AssertError("ValidationError", "FieldNotUpdatable")["message"]);

        var lineItem = new JsonObject { ["id"] = new JsonObject { ["lineItemId"] = order.LineItemId }, ["discounts"] = Discount(1) };
        (await _setup.Update(order.Id, new JsonObject { ["lineItems"] = new JsonArray(lineItem) })).AssertSuccess();
        lineItem = (JsonObject)lineItem.DeepClone();
        lineItem["discounts"] = Discount(2);
        var itemChanged = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject { ["lineItems"] = new JsonArray(lineItem) }));
        Assert.Contains("lineItems[0].discounts", (string?)itemChanged.AssertError("ValidationError", "FieldNotUpdatable")["message"]);
    }

    [Fact]
    public async Task Line_items_are_matched_by_id_or_alias_and_otherwise_added()
    {
        var order = await _setup.Create(lineItems: 2);
        (await _setup.Update(order.Id, new JsonObject { ["lineItems"] = new JsonArray(new JsonObject
        {
            ["id"] = new JsonObject { ["lineItemId"] = order.LineItemIds[1] },
            ["aliases"] = OrderSetup.Aliases(("SKU", "sku-b")),
            ["amount"] = new JsonObject { ["value"] = 3 },
        }) })).AssertSuccess();
        (await _setup.Update(order.Id, new JsonObject { ["lineItems"] = new JsonArray(
            new JsonObject { ["aliases"] = OrderSetup.Aliases(("SKU", "sku-b")), ["taxes"] = Taxes(0.3m) },
            OrderSetup.LineItem("added", 1, 7)) })).AssertSuccess();

        var items = (await _setup.Read(order.Id, "lineItems { id amount { value } product { title } taxes { summary { collectableTaxAmount { amount } } } }"))["lineItems"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Equal(order.LineItemIds[1], (string?)items[1]!["id"]);
        Assert.Equal(3m, (decimal)items[1]!["amount"]!["value"]!);
        Assert.Equal(0.3m, (decimal)items[1]!["taxes"]!["summary"]!["collectableTaxAmount"]!["amount"]!);
        Assert.Equal("added", (string?)items[2]!["product"]!["title"]);
        Assert.DoesNotContain((string?)items[2]!["id"], order.LineItemIds);
    }

    [Fact]
    public async Task Unknown_line_item_ids_and_new_items_without_amount_are_refused()
    {
        var order = await _setup.Create();
        var unknown = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject
        {
            ["lineItems"] = new JsonArray(new JsonObject { ["id"] = new JsonObject { ["lineItemId"] = "nope" }, ["taxes"] = Taxes(1) }),
        }));
        Assert.Contains("lineItems[0].id", (string?)unknown.AssertError("ValidationError", "ItemDoesNotExist")["message"]);

        var noAmount = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject
        {
            ["lineItems"] = new JsonArray(new JsonObject { ["aliases"] = OrderSetup.Aliases(("SKU", "new")) }),
        }));
        Assert.Contains("lineItems[0].amount", (string?)noAmount.AssertError("ValidationError", "InvalidInput")["message"]);
    }

    [Fact]
    public async Task Lineitemaliases_in_2024_01_01_match_an_existing_item()
    {
        var order = await _setup.Create();
        (await _setup.Update(order.Id, new JsonObject { ["lineItems"] = new JsonArray(new JsonObject
        {
            ["id"] = new JsonObject { ["lineItemId"] = order.LineItemId }, ["aliases"] = OrderSetup.Aliases(("SKU", "mug-1")),
        }) })).AssertSuccess();

        (await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, $$"""
            mutation { updateOrder(input: { orderId: "{{order.Id}}", lineItems: [{ lineItemAliases: [{ aliasType: "SKU", aliasId: "mug-1" }], quantity: { amount: 4 } }] }) { id } }
            """)).AssertSuccess();

        var items = (await _setup.Read(order.Id, "lineItems { id amount { value } }"))["lineItems"]!.AsArray();
        Assert.Single(items);
        Assert.Equal(4m, (decimal)items[0]!["amount"]!["value"]!);
    }

    [Fact]
    public async Task Payments_are_upserted_by_id()
    {
        var order = await _setup.Create();
        (await _setup.Update(order.Id, new JsonObject { ["payments"] = Payments(("pay-1", 10m), ("pay-2", 5m)) })).AssertSuccess();
        (await _setup.Update(order.Id, new JsonObject { ["payments"] = Payments(("pay-1", 12m), ("pay-3", 1m)) })).AssertSuccess();

        var payments = await _setup.Read(order.Id, "payments { details { id amount { amount } } summary { amount { amount currencyCode } } }");
        JsonMatch.Assert("""
            {"payments":{"details":[{"id":"pay-1","amount":{"amount":12}},{"id":"pay-2","amount":{"amount":5}},{"id":"pay-3","amount":{"amount":1}}],
             "summary":{"amount":{"amount":18,"currencyCode":"USD"}}}}
            """, payments);
    }

    [Theory]
    [InlineData("""{"totalPrice":{"value":{"amount":10,"currencyCode":"EUR"}}}""", "CurrencyMismatch", "totalPrice.value.currencyCode")]
    [InlineData("""{"totalPrice":{"value":{"amount":10,"currencyCode":"usd"}}}""", "InvalidInput", "totalPrice.value.currencyCode")]
    [InlineData("""{"taxes":{"summary":{"collectableTaxAmount":{"amount":-1,"currencyCode":"USD"}}}}""", "InvalidAmount", "taxes.summary.collectableTaxAmount")]
    [InlineData("""{"totalPrice":{"value":{"amount":-0.01,"currencyCode":"USD"}}}""", "InvalidAmount", "totalPrice.value")]
    public async Task Money_must_be_non_negative_and_in_the_order_currency(string input, string code, string where)
    {
        var order = await _setup.Create();
        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, JsonNode.Parse(input)!.AsObject()));
        Assert.Contains(where, (string?)response.AssertError("ValidationError", code)["message"]);
    }

    [Fact]
    public async Task A_line_item_amount_must_be_positive()
    {
        var order = await _setup.Create();
        var zero = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject
        {
            ["lineItems"] = new JsonArray(new JsonObject { ["id"] = new JsonObject { ["lineItemId"] = order.LineItemId }, ["amount"] = new JsonObject { ["value"] = 0 } }),
        }));
        zero.AssertError("ValidationError", "InvalidAmount");
    }

    private static JsonObject Taxes(decimal amount) => new()
    {
        ["summary"] = new JsonObject { ["collectableTaxAmount"] = new JsonObject { ["amount"] = amount, ["currencyCode"] = "USD" } },
    };

    private static JsonObject Discount(decimal amount) => new()
    {
        ["summary"] = new JsonObject { ["amount"] = new JsonObject { ["amount"] = amount, ["currencyCode"] = "USD" }, ["displayString"] = "PROMO" },
    };

    private static JsonArray Links(params string[] urls) =>
        new(urls.Select(u => (JsonNode)new JsonObject { ["destinationType"] = "EXTERNAL_ORDER_MANAGEMENT", ["url"] = u }).ToArray());

    private static JsonObject Payments(params (string Id, decimal Amount)[] payments) => new()
    {
        ["details"] = new JsonArray(payments.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id,
            ["amount"] = new JsonObject { ["amount"] = p.Amount, ["currencyCode"] = "USD" },
            ["paymentMethod"] = new JsonObject { ["displayString"] = "Visa ending in 1234", ["type"] = "CARD" },
            ["state"] = "CAPTURED",
        }).ToArray()),
    };
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> act)
    {
        act(o);
        return o;
    }
}
