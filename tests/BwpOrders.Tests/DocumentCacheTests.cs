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
