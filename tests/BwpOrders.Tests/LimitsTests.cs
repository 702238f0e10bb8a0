using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The documented per-order limits: the boundary is accepted, one more is refused and writes nothing.</summary>
public sealed class LimitsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Fact]
    public async Task Five_order_aliases_are_accepted_and_a_sixth_is_refused_on_create_and_update()
    {
        var five = Aliases("EXTERNAL_ID", 5);
        var order = await _setup.Create(aliases: five);

        var tooMany = await CreateRaw(new JsonObject { ["aliases"] = Aliases("OTHER", 6) });
        tooMany.AssertError("ValidationError", "AliasLimitExceeded");
        (await server.Api.Send(_setup.Target, null, """{ order(orderIdentifier: { alias: { aliasType: "OTHER", aliasId: "0" } }) { id } }""")).AssertError("ResourceNotFoundError");

        var sixth = await server.AssertChangesNothing(_setup.Target, order.Id,
            () => _setup.Update(order.Id, new JsonObject { ["aliases"] = OrderSetup.Aliases(("EXTERNAL_ID", "sixth")) }));
        sixth.AssertError("ValidationError", "AliasLimitExceeded");

        // Re-sending aliases the order already has is not a change and does not count twice.
        await server.AssertChangesNothing(_setup.Target, order.Id,
            async () => (await _setup.Update(order.Id, new JsonObject { ["aliases"] = Aliases("EXTERNAL_ID", 5) })).AssertSuccess());
    }

    [Fact]
    public async Task Twenty_amazon_and_twenty_merchant_line_items_are_accepted_and_one_more_of_either_is_refused()
    {
        var order = await _setup.Create(lineItems: 40); // OrderSetup: the first 20 Amazon-fulfilled, the rest merchant-delivered
        Assert.Equal(40, order.LineItemIds.Count);

        foreach (var (amazon, merchant) in new[] { (21, 0), (0, 21), (21, 19) })
        {
            var items = Enumerable.Range(0, amazon).Select(i => (JsonNode)OrderSetup.LineItem("x", 1, i))
                .Concat(Enumerable.Range(0, merchant).Select(i => (JsonNode)OrderSetup.LineItem("x", 1, i, "MERCHANT")));
            var create = await CreateRaw(new JsonObject { ["lineItems"] = new JsonArray(items.ToArray()) });
            create.AssertError("ValidationError", "LineItemLimitExceeded");
        }

        foreach (var provider in new[] { "AMAZON", "MERCHANT" })
        {
            var add = await server.AssertChangesNothing(_setup.Target, order.Id,
                () => _setup.Update(order.Id, new JsonObject { ["lineItems"] = new JsonArray(OrderSetup.LineItem("extra", 1, 99, provider)) }));
            add.AssertError("ValidationError", "LineItemLimitExceeded");
        }
    }

    [Fact]
    public async Task Five_order_links_are_accepted_and_a_sixth_is_refused()
    {
        var created = await CreateRaw(new JsonObject { ["orderLinks"] = Links(5, "a") }, "id orderLinks { url }");
        var orderId = (string)created.AssertSuccess().Data!["createOrder"]!["order"]!["id"]!;
        Assert.Equal(5, created.Data!["createOrder"]!["order"]!["orderLinks"]!.AsArray().Count);

        (await CreateRaw(new JsonObject { ["orderLinks"] = Links(6, "b") })).AssertError("ValidationError", "OrderLinkLimitExceeded");
        var update = await server.AssertChangesNothing(_setup.Target, orderId,
            () => _setup.Update(orderId, new JsonObject { ["orderLinks"] = Links(1, "c") }));
        update.AssertError("ValidationError", "OrderLinkLimitExceeded");
    }

    [Fact]
    public async Task A_return_holds_two_aliases_and_not_three()
    {
        var order = await _setup.Create(quantity: 2);
        await _setup.AddReturn(order.Id, order.LineItemId, Aliases("EXTERNAL-RETURN-ID", 2));

        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => _setup.Update(order.Id, new JsonObject
        {
            ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
            {
                ["aliases"] = Aliases("R", 3),
                ["returnLineItems"] = OrderSetup.ReturnLineItems(order.LineItemId, 1),
            }) },
        }));
        Assert.Contains("returns.details[1].aliases", (string?)response.AssertError("ValidationError", "AliasLimitExceeded")["message"]);
    }

    private Task<GraphQLResponse> CreateRaw(JsonObject input, string selection = "id")
    {
        input["lineItems"] ??= new JsonArray(OrderSetup.LineItem("x", 1, 0));
        return server.Api.Send(_setup.Target, null, $"mutation($input: CreateOrderInput!) {{ createOrder(input: $input) {{ order {{ {selection} }} }} }}",
            new JsonObject { ["input"] = input });
    }

    private static JsonArray Aliases(string type, int count) =>
        OrderSetup.Aliases(Enumerable.Range(0, count).Select(i => (type, $"{type}-{i}")).ToArray());

    private static JsonArray Links(int count, string prefix) =>
        new(Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["destinationType"] = "EXTERNAL_ORDER_MANAGEMENT", ["url"] = $"https://shop.example/{prefix}{i}" }).ToArray());
}
