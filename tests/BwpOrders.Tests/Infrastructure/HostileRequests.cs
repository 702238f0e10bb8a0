using System.Text;
using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>One generated request: a POST /graphql body plus header changes (a null value removes the header).</summary>
public sealed record HostileRequest(string Name, byte[] Body, string ContentType = HostileRequests.Json, IReadOnlyList<(string Name, string? Value)>? Headers = null);

/// <summary>An existing order the generator aims at: its id and line item ids.</summary>
public sealed record HostileTarget(string OrderId, IReadOnlyList<string> LineItemIds);

/// <summary>
/// Generates malformed and hostile GraphQL requests against existing orders, deterministically from a seed.
/// None of them may change a stored order: they are broken, refused, or aimed at orders that do not exist.
/// Shared by the hostile-input tests and <c>bench/hostile.sh</c> (which links this file).
/// </summary>
public sealed class HostileRequests(IReadOnlyList<HostileTarget> orders, int seed)
{
    public const string Json = "application/json";
    private const string UpdateMutation = "mutation($id: OrderIdentifierInput!, $input: UpdateOrderInput!) { updateOrder(orderIdentifier: $id, input: $input) { order { id } } }";
    private readonly Random _random = new(seed);

    /// <summary>
    /// <paramref name="total"/> requests: the classic cases, <paramref name="oversized"/> distinct documents that a
    /// limit refuses, and then mutated documents and odd headers, interleaved.
    /// </summary>
    public IEnumerable<HostileRequest> Mix(int total, int oversized)
    {
        var classic = Classic().ToList();
        using var big = Oversized(oversized).GetEnumerator();
        var stride = oversized > 0 ? Math.Max(1, total / oversized) : int.MaxValue; // spread evenly through the run
        for (var i = 0; i < total; i++)
        {
            if (i % stride == 0 && big.MoveNext())
                yield return big.Current;
            else
                yield return (i % 4) switch
                {
                    0 => classic[i / 4 % classic.Count],
                    1 or 2 => Mutated(),
                    _ => OddHeaders(),
                };
        }
    }

    /// <summary>The hand-written cases: broken JSON and UTF-8, wrong types and values, hostile queries.</summary>
    public IEnumerable<HostileRequest> Classic()
    {
        var valid = Body(UpdateMutation, Vars(orders[0].OrderId, new JsonObject { ["desiredExecutionState"] = "STARTED" }));

        for (var i = 0; i < 40; i++) // broken JSON: the valid body cut short at random points
            yield return new($"truncated-{i}", Encoding.UTF8.GetBytes(valid[.._random.Next(0, valid.Length - 1)]));
        for (var i = 0; i < 20; i++) // random bytes, including invalid UTF-8
            yield return new($"random-bytes-{i}", RandomBytes(_random.Next(1, 400)));
        for (var i = 0; i < 10; i++) // a valid prefix followed by invalid UTF-8
            yield return new($"invalid-utf8-{i}", [.. Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")]);

        foreach (var (name, input) in WrongInputs())
            yield return new(name, Encoding.UTF8.GetBytes(Body(UpdateMutation, Vars(orders[0].OrderId, input))));

        foreach (var (name, query) in HostileQueries(orders[0].OrderId))
            yield return new(name, Encoding.UTF8.GetBytes(Body(query, null)));

        yield return new("not-json-content-type", Encoding.UTF8.GetBytes(valid), "text/plain");
        yield return new("variables-not-object", Encoding.UTF8.GetBytes("""{"query":"{ __typename }","variables":[1,2]}"""));
        yield return new("query-not-string", Encoding.UTF8.GetBytes("""{"query":{"a":1}}"""));
        yield return new("deep-json", Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + new string('[', 200) + new string(']', 200) + "}}"));
        yield return new("huge-string", Encoding.UTF8.GetBytes(Body(UpdateMutation, Vars(orders[0].OrderId, new JsonObject { ["aliases"] = Aliases(("EXTERNAL_ID", new string('a', 100_000))) }))));
        yield return new("unknown-operation", Encoding.UTF8.GetBytes("""{"query":"query a { __typename } query b { __typename }","operationName":"c"}"""));
        yield return new("ambiguous-operation", Encoding.UTF8.GetBytes("""{"query":"query a { __typename } query b { __typename }"}"""));
    }

    /// <summary>
    /// Distinct documents of a few hundred kilobytes, each refused by a limit: too many tokens (never parsed),
    /// too many root fields or fields, too deep, or a string argument too long (parsed, then refused).
    /// </summary>
    public IEnumerable<HostileRequest> Oversized(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var query = (n % 5) switch
            {
                0 => "{ " + string.Join(" ", Enumerable.Range(0, 15_000).Select(i => $"a{n}_{i}: __typename")) + " }",
                1 => "{ " + string.Join(" ", Enumerable.Range(0, 4_000).Select(i => $"r{n}_{i}: __typename")) + " }",
                2 => $"{{ order(orderIdentifier: {{orderId: \"{n}\"}}) {{ {string.Join(" ", Enumerable.Range(0, 4_500).Select(i => $"f{n}_{i}: id"))} }} }}",
                3 => $"{{ order(orderIdentifier: {{orderId: \"{n}\"}}) {{ " + string.Concat(Enumerable.Repeat("lineItems { ", 40)) + "id" + new string('}', 41) + " }",
                _ => $"{{ order(orderIdentifier: {{orderId: \"{n}-{new string('x', 300_000)}\"}}) {{ id }} }}",
            };
            yield return new($"oversized-{n % 5}-{n}", Encoding.UTF8.GetBytes(Body(query, null)));
        }
    }

    private static readonly string[] ValidDocuments =
    [
        "query Q($id: ID) { order(orderIdentifier: {orderId: $id}) { id lineItems { id amount { value } product { title price { amount currencyCode } } } totalPrice { value { amount currencyCode } } metadata { executionState updatedAt } } }",
        "mutation { updateOrder(orderIdentifier: {orderId: \"no-such-order\"}, input: { desiredExecutionState: STARTED, refunds: { details: [{ aliases: [{aliasType: \"EXTERNAL_REFUND_ID\", aliasId: \"x\"}], refundTotal: { totalAmount: { amount: 1, currencyCode: \"USD\" } } }] } }) { order { id } } }",
        "mutation { createOrder(input: { lineItems: [] }) { order { id } } }",
        "{ order(orderIdentifier: {alias: {aliasType: \"EXTERNAL_ID\", aliasId: \"no-such-alias\"}}) { id refunds { details { id state } } returns { details { id state } } } }",
        "fragment F on Order { id aliases { aliasType aliasId } } query { order(orderIdentifier: {orderId: \"missing\"}) { ...F } }",
    ];

    /// <summary>A valid document changed at a few random places: characters dropped, duplicated, swapped or replaced.</summary>
    public HostileRequest Mutated()
    {
        var text = new StringBuilder(ValidDocuments[_random.Next(ValidDocuments.Length)]);
        for (var edits = _random.Next(1, 6); edits > 0 && text.Length > 1; edits--)
        {
            var at = _random.Next(text.Length);
            switch (_random.Next(4))
            {
                case 0: text.Remove(at, 1); break;
                case 1: text.Insert(at, text[at]); break;
                case 2: text[at] = "{}()[]:$!@\"\\.,#\u0000é💥"[_random.Next(16)]; break;
                default: (text[at], text[(at + 1) % text.Length]) = (text[(at + 1) % text.Length], text[at]); break;
            }
        }
        var variables = _random.Next(3) == 0 ? new JsonObject { ["id"] = _random.Next(2) == 0 ? 5 : "missing" } : null;
        return new("mutated", Encoding.UTF8.GetBytes(Body(text.ToString(), variables)));
    }

    /// <summary>A harmless query with odd headers: unknown versions, bad or foreign targets, broken tokens, odd content types.</summary>
    public HostileRequest OddHeaders()
    {
        var body = Encoding.UTF8.GetBytes(Body("{ order(orderIdentifier: {orderId: \"missing\"}) { id } }", null));
        (string, string?)[][] variants =
        [
            [("x-api-version", "2023-01-01")], [("x-api-version", "latest")], [("x-api-version", new string('9', 5000))],
            [("x-api-target-id", null)], [("x-api-target-id", "someone-else")], [("x-api-target-id", new string('t', 300))],
            [("Authorization", null)], [("Authorization", "Bearer not.a.jwt")], [("Authorization", "Basic Zm9vOmJhcg==")],
            [("Authorization", "Bearer " + new string('A', 8000))], [("Content-Type", "application/graphql")],
            [("Content-Type", "application/json; charset=latin1")], [("Content-Type", "multipart/form-data; boundary=x")],
            [("Accept", "text/html")], [("x-api-version", "2024-01-01")], [("x-api-version", " 2024-11-01 ")],
        ];
        var headers = variants[_random.Next(variants.Length)];
        var contentType = headers.FirstOrDefault(h => h.Item1 == "Content-Type").Item2 ?? Json;
        return new($"odd-header-{headers[0].Item1}", body, contentType, headers.Where(h => h.Item1 != "Content-Type").ToList());
    }

    /// <summary>Inputs of the right JSON shape but wrong in type, value or meaning for an existing order.</summary>
    private IEnumerable<(string, JsonObject)> WrongInputs()
    {
        var item = orders[0].LineItemIds[0];
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
        yield return ("return-with-an-empty-line-item", new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
        {
            ["aliases"] = Aliases(("EXTERNAL-RETURN-ID", "new-return")),
            ["returnLineItems"] = new JsonArray(new JsonObject { ["returnFor"] = new JsonObject { ["orderLineItemAmounts"] = new JsonArray() } }),
        }) } });
        yield return ("return-alias-of-another-return", new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(new JsonObject
        {
            ["returnIdentifier"] = new JsonObject { ["id"] = "no-such-return" }, ["aliases"] = Aliases(("EXTERNAL-RETURN-ID", "r-0")),
        }) } });
        yield return ("alias-of-another-order", new JsonObject { ["aliases"] = Aliases(("EXTERNAL_ID", "hostile-1")) });
        yield return ("too-many-aliases", new JsonObject { ["aliases"] = Aliases(Enumerable.Range(0, 6).Select(i => ("T", $"{i}")).ToArray()) });
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
        yield return ("too-many-tokens", "{ " + string.Join(" ", Enumerable.Range(0, 16_000).Select(_ => "__typename")) + " }");
        yield return ("fragment-cycle", "{ order(orderIdentifier: {orderId: \"x\"}) { ...A } } fragment A on Order { ...B } fragment B on Order { ...A }");
        yield return ("duplicate-fragment-names", "{ order(orderIdentifier: {orderId: \"x\"}) { ...A } } fragment A on Order { id } fragment A on Order { id }");
        yield return ("unknown-field", "{ order(orderIdentifier: {orderId: \"x\"}) { secret } }");
        yield return ("syntax-error", "{ order(orderIdentifier: {orderId: \"x\"} { id }");
        yield return ("empty-document", "   ");
        yield return ("mutation-unknown-version-field", $"mutation {{ updateOrder(input: {{ orderId: \"{orderId}\" }}) {{ id }} }}");
        yield return ("literal-bad-enum", $"mutation {{ updateOrder(orderIdentifier: {{orderId: \"{orderId}\"}}, input: {{ desiredExecutionState: LATER }}) {{ order {{ id }} }} }}");
        yield return ("literal-huge-number", $"mutation {{ updateOrder(orderIdentifier: {{orderId: \"{orderId}\"}}, input: {{ totalPrice: {{ value: {{ amount: 1e999, currencyCode: \"USD\" }} }} }}) {{ order {{ id }} }} }}");
        for (var i = 0; i < 45; i++) // random ASCII garbage as the query
            yield return ($"garbage-query-{i}", new string(Enumerable.Range(0, _random.Next(1, 200)).Select(_ => (char)_random.Next(32, 127)).ToArray()));
    }

    public static string Body(string query, JsonObject? variables) =>
        new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString();

    private static JsonObject Vars(string orderId, JsonObject input) =>
        new() { ["id"] = new JsonObject { ["orderId"] = orderId }, ["input"] = input };

    private static JsonObject Money(decimal amount, string currency = "USD") => new() { ["amount"] = amount, ["currencyCode"] = currency };

    public static JsonArray Aliases(params (string Type, string Id)[] aliases) =>
        new(aliases.Select(a => (JsonNode)new JsonObject { ["aliasType"] = a.Type, ["aliasId"] = a.Id }).ToArray());

    private JsonObject Refund(string lineItem, string state = "SUCCESS", decimal total = 1, string? id = null)
    {
        var detail = new JsonObject
        {
            ["aliases"] = Aliases(("EXTERNAL_REFUND_ID", "hostile-" + _random.Next())),
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
