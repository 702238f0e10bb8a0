using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Hundreds of generated malformed or hostile requests: each gets a clear 4xx or GraphQL error in BwP's shape,
/// the server stays up, and the stored orders are byte-for-byte unchanged.
/// </summary>
public sealed class HostileInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string UpdateMutation = "mutation($id: OrderIdentifierInput!, $input: UpdateOrderInput!) { updateOrder(orderIdentifier: $id, input: $input) { order { id } } }";
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private readonly Random _random = new(20261123); // fixed seed: the same 200+ requests every run

    [Fact]
    public async Task Two_hundred_hostile_requests_are_refused_cleanly_and_change_nothing()
    {
        var orders = new List<CreatedOrder>();
        for (var i = 0; i < 3; i++)
        {
            var order = await _setup.Create(lineItems: 2, aliases: OrderSetup.Aliases(("EXTERNAL_ID", $"hostile-{i}")));
            await _setup.AddRefund(order.Id, order.LineItemId, "SUCCESS");
            await _setup.AddReturn(order.Id, order.LineItemIds[1], OrderSetup.Aliases(("EXTERNAL-RETURN-ID", $"r-{i}")));
            orders.Add(order);
        }
        var before = await Task.WhenAll(orders.Select(o => server.Snapshot(_setup.Target, o.Id)));
        var token = await server.Tokens.ForTarget(_setup.Target);

        var cases = Cases(orders).ToList();
        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        foreach (var (name, body, contentType) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Headers.Add("x-api-target-id", _setup.Target);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await server.Api.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode is 200 or (>= 400 and < 500), $"{name}: HTTP {(int)response.StatusCode} {text}");
            var json = JsonNode.Parse(text)!;
            var errors = json["errors"]?.AsArray();
            Assert.True(errors is { Count: > 0 }, $"{name}: expected an error, got {text}");
            foreach (var error in errors!)
            {
                var type = (string?)error!["extensions"]?["classification"]?["type"];
                Assert.True(type is "ValidationError" or "ResourceNotFoundError" or "ConflictError", $"{name}: unexpected classification in {text}");
            }
        }

        using var health = await server.Api.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(before, await Task.WhenAll(orders.Select(o => server.Snapshot(_setup.Target, o.Id))));
    }

    private IEnumerable<(string Name, byte[] Body, string ContentType)> Cases(List<CreatedOrder> orders)
    {
        const string json = "application/json";
        var valid = Body(UpdateMutation, Vars(orders[0].Id, new JsonObject { ["desiredExecutionState"] = "STARTED" }));

        for (var i = 0; i < 40; i++) // broken JSON: the valid body cut short at random points
            yield return ($"truncated-{i}", Encoding.UTF8.GetBytes(valid[.._random.Next(0, valid.Length - 1)]), json);
        for (var i = 0; i < 20; i++) // random bytes, including invalid UTF-8
            yield return ($"random-bytes-{i}", RandomBytes(_random.Next(1, 400)), json);
        for (var i = 0; i < 10; i++) // a valid prefix followed by invalid UTF-8
            yield return ($"invalid-utf8-{i}", [.. Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")], json);

        foreach (var (name, input) in WrongInputs(orders))
            yield return (name, Encoding.UTF8.GetBytes(Body(UpdateMutation, Vars(orders[0].Id, input))), json);

        foreach (var (name, query) in HostileQueries(orders[0].Id))
            yield return (name, Encoding.UTF8.GetBytes(Body(query, null)), json);

        yield return ("not-json-content-type", Encoding.UTF8.GetBytes(valid), "text/plain");
        yield return ("variables-not-object", Encoding.UTF8.GetBytes("""{"query":"{ __typename }","variables":[1,2]}"""), json);
        yield return ("query-not-string", Encoding.UTF8.GetBytes("""{"query":{"a":1}}"""), json);
        yield return ("deep-json", Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('[', 200) + new string(']', 200) + "}}"), json);
        yield return ("huge-string", Encoding.UTF8.GetBytes(Body(UpdateMutation, Vars(orders[0].Id, new JsonObject { ["aliases"] = OrderSetup.Aliases(("EXTERNAL_ID", new string('a', 100_000))) }))), json);
        yield return ("unknown-operation", Encoding.UTF8.GetBytes("""{"query":"query a { __typename } query b { __typename }","operationName":"c"}"""), json);
        yield return ("ambiguous-operation", Encoding.UTF8.GetBytes("""{"query":"query a { __typename } query b { __typename }"}"""), json);
    }

    /// <summary>Inputs of the right JSON shape but wrong in type, value or meaning for an existing order.</summary>
    private IEnumerable<(string, JsonObject)> WrongInputs(List<CreatedOrder> orders)
    {
        var item = orders[0].LineItemId;
        string[] badEnums = ["", "started", "DONE", "NOT STARTED", "0", "STARTED;DROP TABLE orders", "🚀"];
        foreach (var value in badEnums)
        {
            yield return ($"enum-execution-{value}", new JsonObject { ["desiredExecutionState"] = value });
            yield return ($"enum-refund-{value}", new JsonObject { ["refunds"] = Refund(item, state: value) });
            yield return ($"enum-return-{value}", new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["state"] = value }) } });
        }
        JsonNode?[] wrongTypes = [5, true, "text", new JsonArray(1, 2), new JsonObject { ["x"] = 1 }, 1.5];
        foreach (var value in wrongTypes)
        {
            var tag = value?.ToJsonString() ?? "null";
            yield return ($"type-aliases-{tag}", new JsonObject { ["aliases"] = value?.DeepClone() });
            if (value?.GetValueKind() != System.Text.Json.JsonValueKind.Number) // numbers are valid amounts
                yield return ($"type-total-{tag}", new JsonObject { ["totalPrice"] = new JsonObject { ["value"] = new JsonObject { ["amount"] = value?.DeepClone(), ["currencyCode"] = "USD" } } });
            yield return ($"type-lineitems-{tag}", new JsonObject { ["lineItems"] = new JsonArray(value?.DeepClone()) });
            yield return ($"type-unknown-field-{tag}", new JsonObject { ["noSuchField"] = value?.DeepClone() });
        }
        foreach (var amount in new[] { -1m, -0.01m, 1_000_000_000_001m, -79228162514264337593543950335m })
        {
            yield return ($"amount-total-{amount}", new JsonObject { ["totalPrice"] = new JsonObject { ["value"] = Money(amount) } });
            yield return ($"amount-refund-{amount}", new JsonObject { ["refunds"] = Refund(item, total: amount) });
            yield return ($"amount-tax-{amount}", new JsonObject { ["taxes"] = new JsonObject { ["summary"] = new JsonObject { ["collectableTaxAmount"] = Money(amount) } } });
        }
        foreach (var currency in new[] { "usd", "EUR", "US", "USDX", "", "€" })
            yield return ($"currency-{currency}", new JsonObject { ["totalPrice"] = new JsonObject { ["value"] = Money(1, currency) } });
        yield return ("unknown-line-item", new JsonObject { ["refunds"] = Refund("no-such-item") });
        yield return ("unknown-refund-id", new JsonObject { ["refunds"] = Refund(item, id: "no-such-refund") });
        yield return ("refund-without-id-or-alias", new JsonObject { ["refunds"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["refundTotal"] = new JsonObject { ["totalAmount"] = Money(1) } }) } });
        yield return ("unknown-return", new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["returnIdentifier"] = new JsonObject { ["id"] = "nope" }, ["state"] = "CANCELLED" }) } });
        yield return ("return-alias-taken", new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject { ["aliases"] = OrderSetup.Aliases(("EXTERNAL-RETURN-ID", "r-0")) }) } });
        yield return ("alias-of-another-order", new JsonObject { ["aliases"] = OrderSetup.Aliases(("EXTERNAL_ID", "hostile-1")) });
        yield return ("too-many-aliases", new JsonObject { ["aliases"] = OrderSetup.Aliases(Enumerable.Range(0, 6).Select(i => ("T", $"{i}")).ToArray()) });
        yield return ("back-to-not-started", new JsonObject { ["desiredExecutionState"] = "NOT_STARTED", ["lineItems"] = new JsonArray(new JsonObject { ["id"] = new JsonObject { ["lineItemId"] = "missing" } }) });
        yield return ("too-long-list", new JsonObject { ["orderLinks"] = new JsonArray(Enumerable.Range(0, 150).Select(_ => (JsonNode)new JsonObject { ["destinationType"] = "BWP_STOREFRONT", ["url"] = "u" }).ToArray()) });
    }

    private IEnumerable<(string, string)> HostileQueries(string orderId)
    {
        yield return ("deep-braces", "{ order(orderIdentifier: {orderId: \"x\"}) " + new string('{', 500) + new string('}', 500) + " }");
        yield return ("deep-selection", "{ order(orderIdentifier: {orderId: \"x\"}) { " + string.Concat(Enumerable.Repeat("lineItems { ", 60)) + "id" + new string('}', 61) + " }");
        yield return ("thousands-of-aliases", "{ " + string.Join(" ", Enumerable.Range(0, 3000).Select(i => $"a{i}: __typename")) + " }");
        yield return ("aliased-orders", "{ " + string.Join(" ", Enumerable.Range(0, 50).Select(i => $"o{i}: order(orderIdentifier: {{orderId: \"{orderId}\"}}) {{ id }}")) + " }");
        yield return ("many-fields", $"{{ order(orderIdentifier: {{orderId: \"{orderId}\"}}) {{ {string.Join(" ", Enumerable.Range(0, 2000).Select(i => $"f{i}: id"))} }} }}");
        yield return ("fragment-cycle", "{ order(orderIdentifier: {orderId: \"x\"}) { ...A } } fragment A on Order { ...B } fragment B on Order { ...A }");
        yield return ("unknown-field", "{ order(orderIdentifier: {orderId: \"x\"}) { secret } }");
        yield return ("syntax-error", "{ order(orderIdentifier: {orderId: \"x\"} { id }");
        yield return ("empty-document", "   ");
        yield return ("mutation-unknown-version-field", $"mutation {{ updateOrder(input: {{ orderId: \"{orderId}\" }}) {{ id }} }}");
        yield return ("literal-bad-enum", $"mutation {{ updateOrder(orderIdentifier: {{orderId: \"{orderId}\"}}, input: {{ desiredExecutionState: LATER }}) {{ order {{ id }} }} }}");
        yield return ("literal-huge-number", $"mutation {{ updateOrder(orderIdentifier: {{orderId: \"{orderId}\"}}, input: {{ totalPrice: {{ value: {{ amount: 1e999, currencyCode: \"USD\" }} }} }}) {{ order {{ id }} }} }}");
        for (var i = 0; i < 45; i++) // random ASCII garbage as the query
            yield return ($"garbage-query-{i}", new string(Enumerable.Range(0, _random.Next(1, 200)).Select(_ => (char)_random.Next(32, 127)).ToArray()));
    }

    private static string Body(string query, JsonObject? variables) =>
        new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();

    private static JsonObject Vars(string orderId, JsonObject input) =>
        new() { ["id"] = new JsonObject { ["orderId"] = orderId }, ["input"] = input };

    private static JsonObject Money(decimal amount, string currency = "USD") => new() { ["amount"] = amount, ["currencyCode"] = currency };

    private static JsonObject Refund(string lineItem, string state = "SUCCESS", decimal total = 1, string? id = null)
    {
        var detail = new JsonObject
        {
            ["aliases"] = OrderSetup.Aliases(("EXTERNAL_REFUND_ID", "hostile-" + Guid.NewGuid())),
            ["refundTotal"] = new JsonObject { ["totalAmount"] = Money(total) },
            ["state"] = state,
            ["refundFor"] = new JsonObject { ["orderLineItems"] = new JsonArray(new JsonObject { ["lineItemId"] = new JsonObject { ["lineItemId"] = lineItem } }) },
        };
        if (id is not null) detail["id"] = id;
        return new JsonObject { ["details"] = new JsonArray(detail) };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }
}
