using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>One target can never read or change another's orders: to it they do not exist.</summary>
public sealed class TargetIsolationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _a = new(server.Api, "bp-a-" + Guid.NewGuid());
    private readonly OrderSetup _b = new(server.Api, "bp-b-" + Guid.NewGuid());

    [Fact]
    public async Task Another_target_cannot_read_or_update_by_id_or_alias_and_cannot_tell_the_order_exists()
    {
        var order = await _a.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "shared-alias")));
        var attempts = new (string Name, Func<string, string, Task<GraphQLResponse>> Send)[]
        {
            ("read by id", (id, _) => server.Api.Send(_b.Target, null, $$"""{ order(orderIdentifier: { orderId: "{{id}}" }) { id } }""")),
            ("read by alias", (_, alias) => server.Api.Send(_b.Target, null, $$"""{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "{{alias}}" } }) { id } }""")),
            ("update by id", (id, _) => server.Api.Send(_b.Target, null, $$"""mutation { updateOrder(orderIdentifier: { orderId: "{{id}}" }, input: { desiredExecutionState: STARTED }) { order { id } } }""")),
            ("update by alias", (_, alias) => server.Api.Send(_b.Target, null, $$"""mutation { updateOrder(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "{{alias}}" } }, input: { desiredExecutionState: STARTED }) { order { id } } }""")),
            ("2024-01-01 update by id", (id, _) => server.Api.Send(_b.Target, ApiClient.V2024_01_01, $$"""mutation { updateOrder(input: { orderId: "{{id}}", desiredExecutionState: STARTED }) { id } }""")),
            ("2024-01-01 update by alias id", (_, alias) => server.Api.Send(_b.Target, ApiClient.V2024_01_01, $$"""mutation { updateOrder(input: { orderId: "{{alias}}", desiredExecutionState: STARTED }) { id } }""")),
            ("2024-01-01 read by orderAlias", (_, alias) => server.Api.Send(_b.Target, ApiClient.V2024_01_01, $$"""{ order(orderIdentifier: { orderAlias: { aliasType: "EXTERNAL_ID", aliasId: "{{alias}}" } }) { id } }""")),
            ("2024-04-01 read by id", (id, _) => server.Api.Send(_b.Target, ApiClient.V2024_04_01, $$"""{ order(orderIdentifier: { orderId: "{{id}}" }) { id } }""")),
            ("2024-04-01 update by alias id", (_, alias) => server.Api.Send(_b.Target, ApiClient.V2024_04_01, $$"""mutation { updateOrder(input: { orderId: "{{alias}}", desiredExecutionState: STARTED }) { order { id } } }""")),
        };

        foreach (var (name, send) in attempts)
        {
            var existing = await server.AssertChangesNothing(_a.Target, order.Id, () => send(order.Id, "shared-alias"));
            var missing = await send("999-NONE-NONE00", "no-such-alias");
            existing.AssertError("ResourceNotFoundError");
            // Same answer as for an order that exists nowhere, apart from the identifier echoed in the message.
            Assert.Equal(
                missing.Body.ToJsonString().Replace("999-NONE-NONE00", "ID").Replace("no-such-alias", "ALIAS"),
                existing.Body.ToJsonString().Replace(order.Id, "ID").Replace("shared-alias", "ALIAS"));
            Assert.True(existing.Body["data"]?.AsObject().All(p => p.Value is null) ?? true, name);
        }
    }

    [Fact]
    public async Task Aliases_are_unique_per_target_not_globally()
    {
        var inA = await _a.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "same")));
        var inB = await _b.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "same")));

        Assert.NotEqual(inA.Id, inB.Id);
        foreach (var (setup, expected) in new[] { (_a, inA.Id), (_b, inB.Id) })
        {
            var found = (await server.Api.Send(setup.Target, null, """{ order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "same" } }) { id } }""")).AssertSuccess();
            Assert.Equal(expected, (string?)found.Data!["order"]!["id"]);
        }
    }

    [Fact]
    public async Task A_duplicate_alias_within_a_target_is_alias_value_already_exists_and_creates_nothing()
    {
        var first = await _a.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "dup")));
        var second = await _a.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", "other")));

        var create = await server.AssertChangesNothing(_a.Target, first.Id, () => server.Api.Send(_a.Target, null,
            "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }",
            new JsonObject { ["input"] = new JsonObject { ["aliases"] = OrderSetup.Aliases(("EXTERNAL_ID", "dup")), ["lineItems"] = new JsonArray(OrderSetup.LineItem("x", 1, 0)) } }));
        // BwP's createOrder troubleshooting table: ValidationError AliasValueAlreadyExists means the order was created.
        Assert.Contains("probably created", (string?)create.AssertError("ValidationError", "AliasValueAlreadyExists")["message"]);

        var update = await server.AssertChangesNothing(_a.Target, second.Id,
            () => _a.Update(second.Id, new JsonObject { ["aliases"] = OrderSetup.Aliases(("EXTERNAL_ID", "dup")) }));
        update.AssertError("ValidationError", "AliasValueAlreadyExists");
    }
}
