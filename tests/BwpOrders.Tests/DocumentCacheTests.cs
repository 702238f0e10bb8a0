using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The validated-document cache admits only documents that parsed, passed every limit and validated against
/// the version's schema; it is bounded by an estimate of bytes, and a cached document still has its variables
/// checked on every request.
/// </summary>
public sealed class DocumentCacheTests : IAsyncLifetime
{
    private const string Target = "bp-document-cache";
    private readonly ServerFixture _server = new()
    {
        ConfigurationArgs = [.. ServerFixture.HighRateLimits, "--Limits:DocumentCacheBytes=200000", "--Limits:MaxQueryTokens=2000", "--Limits:MaxRootFields=3"],
    };

    private Task<double> Entries() => Metrics.Read(_server.Api.Http, "bwp_document_cache_entries");

    [Fact]
    public async Task A_refused_document_is_never_cached()
    {
        var refused = new (string Query, string Why)[]
        {
            ("{ " + string.Join(" ", Enumerable.Range(0, 2_100).Select(_ => "__typename")) + " }", "MaxQueryTokensExceeded"),
            ("{ a: __typename b: __typename c: __typename d: __typename }", "MaxRootFieldsExceeded"),
            ("{ order(orderIdentifier: {orderId: \"x\"}) { " + string.Join(" ", Enumerable.Range(0, 1_001).Select(i => $"f{i}: id")) + " } }", "MaxFieldCountExceeded"),
            ("{ order(orderIdentifier: {orderId: \"x\"}) { " + string.Concat(Enumerable.Repeat("lineItems { ", 25)) + "id" + new string('}', 26) + " }", "MaxQueryDepthExceeded"),
            ($"{{ order(orderIdentifier: {{orderId: \"{new string('x', 5_000)}\"}}) {{ id }} }}", "MaxStringLengthExceeded"),
            ("{ order(orderIdentifier: {orderId: \"x\"}) { id ", "SyntaxError"),
            ("{ order(orderIdentifier: {orderId: \"x\"}) { noSuchField } }", "FieldsOnCorrectType"),
            ("{ order(orderIdentifier: {orderId: true }) { id } }", "ArgumentsOfCorrectType"),
            ("mutation { createOrder(input: {}) { order { id } } }", "ProvidedNonNullArguments"),
        };
        var before = await Entries();
        foreach (var (query, why) in refused)
        {
            var response = await _server.Api.Send(Target, null, query);
            Assert.True(response.Errors.Count > 0, $"{why}: expected a refusal, got {response.Body}");
            Assert.Equal(before, await Entries());
        }
        // The same documents sent again are refused again, the same way (nothing was half-remembered).
        var again = await _server.Api.Send(Target, null, refused[1].Query);
        again.AssertError("ValidationError", "MaxRootFieldsExceeded");
        Assert.Equal(before, await Entries());
    }

    [Fact]
    public async Task A_valid_document_is_cached_once_per_version_and_operation()
    {
        const string query = "query A { __typename } query B { __schema { queryType { name } } }";
        var before = await Entries();
        (await _server.Api.Send(Target, ApiClient.V2024_11_01, query, operationName: "A")).AssertSuccess();
        Assert.Equal(before + 1, await Entries());
        (await _server.Api.Send(Target, ApiClient.V2024_11_01, query, operationName: "A")).AssertSuccess();
        Assert.Equal(before + 1, await Entries());
        (await _server.Api.Send(Target, ApiClient.V2024_11_01, query, operationName: "B")).AssertSuccess();
        Assert.Equal(before + 2, await Entries());
        (await _server.Api.Send(Target, ApiClient.V2024_01_01, query, operationName: "A")).AssertSuccess();
        Assert.Equal(before + 3, await Entries());
    }

    [Fact]
    public async Task A_cached_document_still_has_its_variables_coerced_and_checked()
    {
        const string query = "query($id: ID!) { order(orderIdentifier: {orderId: $id}) { id } }";
        var first = await _server.Api.Send(Target, null, query, new JsonObject { ["id"] = "missing-1" });
        first.AssertError("ResourceNotFoundError");
        var cached = await Entries();

        var wrongType = await _server.Api.Send(Target, null, query, new JsonObject { ["id"] = new JsonObject { ["x"] = 1 } });
        wrongType.AssertError("ValidationError");
        var missing = await _server.Api.Send(Target, null, query, new JsonObject());
        missing.AssertError("ValidationError");
        var tooLong = await _server.Api.Send(Target, null, query, new JsonObject { ["id"] = new string('x', 5_000) });
        tooLong.AssertError("ValidationError", "MaxStringLengthExceeded");
        Assert.Equal(cached, await Entries());
    }

    /// <summary>
    /// A cached document skips the document walks (its arguments and variable uses are planned once): each request
    /// here is answered first by full validation and then from the cache, and the two answers must be identical —
    /// variables used where non-null is required, directives and arguments read from variables, fragments, and
    /// every kind of coercion error.
    /// </summary>
    [Fact]
    public async Task A_cached_document_answers_exactly_as_a_freshly_validated_one()
    {
        var order = await new OrderSetup(_server.Api, Target).Create(lineItems: 2);
        var cases = new (string Query, JsonObject Good, JsonObject[] Bad)[]
        {
            // $t is nullable but used where String! is required: null must be refused, cached or not.
            ("query N($id: ID = \"none\", $t: String = \"Order\") { order(orderIdentifier: {orderId: $id}) { id } __type(name: $t) { name } }",
                new() { ["id"] = order.Id }, [new() { ["id"] = order.Id, ["t"] = null }, new() { ["id"] = new JsonArray(1, 2) }]),
            ("""
             query D($on: Boolean!, $id: ID!, $type: String!) {
               a: order(orderIdentifier: {orderId: $id}) @include(if: $on) { ...Items }
               b: __typename @skip(if: $on)
               ... on Query { t: __type(name: $type) { name } }
             }
             fragment Items on Order { lineItems { id } again: lineItems @include(if: $on) { amount { value } } }
             """,
                new() { ["on"] = true, ["id"] = order.Id, ["type"] = "Order" },
                [new() { ["on"] = "yes", ["id"] = order.Id, ["type"] = "Order" }, new() { ["id"] = order.Id, ["type"] = "Order" }]),
            ("""
             mutation U($id: ID!, $input: UpdateOrderInput!) { updateOrder(orderIdentifier: {orderId: $id}, input: $input) { order { totalPrice { value { amount } } } } }
             """,
                new() { ["id"] = order.Id, ["input"] = new JsonObject { ["totalPrice"] = new JsonObject { ["value"] = new JsonObject { ["amount"] = 31.5, ["currencyCode"] = "USD" } } } },
                [new() { ["id"] = order.Id, ["input"] = new JsonObject { ["noSuchField"] = 1 } },
                 new() { ["id"] = order.Id, ["input"] = new JsonObject { ["totalPrice"] = new JsonObject { ["value"] = new JsonObject { ["amount"] = "lots", ["currencyCode"] = "USD" } } } }]),
        };
        foreach (var (query, good, bad) in cases)
        {
            var fresh = new List<string>();
            foreach (var variables in bad) fresh.Add((await _server.Api.Send(Target, null, query, variables.DeepClone().AsObject())).Body.ToJsonString());
            var entries = await Entries();
            var first = (await _server.Api.Send(Target, null, query, good.DeepClone().AsObject())).AssertSuccess().Body.ToJsonString();
            Assert.Equal(entries + 1, await Entries()); // admitted: what follows is answered from the cache
            Assert.Equal(first, (await _server.Api.Send(Target, null, query, good.DeepClone().AsObject())).Body.ToJsonString());
            for (var i = 0; i < bad.Length; i++)
                Assert.Equal(fresh[i], (await _server.Api.Send(Target, null, query, bad[i].DeepClone().AsObject())).Body.ToJsonString());
        }

        // Directives and arguments follow each request's variables, not the ones the plan was made with.
        const string directed = "query($on: Boolean!, $type: String!) { a: __typename @include(if: $on) t: __type(name: $type) { name } }";
        var on = (await _server.Api.Send(Target, null, directed, new JsonObject { ["on"] = true, ["type"] = "Order" })).AssertSuccess();
        var off = (await _server.Api.Send(Target, null, directed, new JsonObject { ["on"] = false, ["type"] = "Money" })).AssertSuccess();
        Assert.Equal("""{"a":"Query","t":{"name":"Order"}}""", on.Body["data"]!.ToJsonString());
        Assert.Equal("""{"t":{"name":"Money"}}""", off.Body["data"]!.ToJsonString());
    }

    /// <summary>
    /// A cached document without directives has its fields collected once per selection set (PlannedExecutionStrategy):
    /// fragments, inline fragments, aliases and a response key selected twice (whose selections merge) must answer
    /// from the cache exactly as on the first, fully validated request, for every object of a list, and follow each
    /// request's data.
    /// </summary>
    [Fact]
    public async Task A_cached_document_collects_the_same_fields_as_a_fresh_one()
    {
        var order = await new OrderSetup(_server.Api, Target).Create(lineItems: 3);
        const string query = """
            query C($id: ID!) {
              order(orderIdentifier: {orderId: $id}) {
                ...Head
                lineItems { id }
                lineItems { amount { value } product { title } }
                ... on Order { items: lineItems { ...Item } }
              }
            }
            fragment Head on Order { id totalPrice { value { amount } } }
            fragment Item on LineItem { amount { unit } id }
            """;
        var variables = new JsonObject { ["id"] = order.Id };
        var entries = await Entries();
        var fresh = (await _server.Api.Send(Target, null, query, variables.DeepClone().AsObject())).AssertSuccess();
        Assert.Equal(entries + 1, await Entries());
        var items = fresh.Body["data"]!["order"]!["lineItems"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.All(items, item => Assert.Equal(["id", "amount", "product"], item!.AsObject().Select(p => p.Key)));
        Assert.All(fresh.Body["data"]!["order"]!["items"]!.AsArray(), item => Assert.Equal(["amount", "id"], item!.AsObject().Select(p => p.Key)));
        for (var i = 0; i < 3; i++)
            Assert.Equal(fresh.Body.ToJsonString(), (await _server.Api.Send(Target, null, query, variables.DeepClone().AsObject())).Body.ToJsonString());

        var update = """
            mutation($id: ID!) { updateOrder(orderIdentifier: {orderId: $id}, input: {totalPrice: {value: {amount: 77.25, currencyCode: "USD"}}}) { order { id } } }
            """;
        (await _server.Api.Send(Target, null, update, variables.DeepClone().AsObject())).AssertSuccess();
        var after = (await _server.Api.Send(Target, null, query, variables.DeepClone().AsObject())).AssertSuccess();
        Assert.Equal(77.25m, after.Body["data"]!["order"]!["totalPrice"]!["value"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_cache_stays_within_its_byte_budget_and_keeps_serving()
    {
        var fields = string.Join(" ", Enumerable.Range(0, 60).Select(i => $"f{i}: id"));
        for (var n = 0; n < 150; n++) // each about 14 KB by the estimate: 2 MB in all, ten times the budget
            (await _server.Api.Send(Target, null, $"query Q{n} {{ order(orderIdentifier: {{orderId: \"{n}\"}}) {{ {fields} }} }}")).AssertError("ResourceNotFoundError");

        var bytes = await Metrics.Read(_server.Api.Http, "bwp_document_cache_bytes");
        Assert.InRange(bytes, 1, 200_000);
        Assert.InRange(await Entries(), 1, 149);
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}
