using System.Diagnostics;
using System.Text.Json.Nodes;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>products(filter:)</c> over HTTP: each StringFilter operation on sku, externalId and amazonSku, operations and
/// fields combined with AND, paging within the filtered list, refused filters, and one target's products only.
/// </summary>
public sealed class CatalogFilterTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    private const string Query = """
        query($filter: ProductsInputFilter, $first: Int, $after: String) {
          products(first: $first, after: $after, filter: $filter) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }
        """;

    /// <summary>Five products; some lack an external id or an Amazon SKU (null to a filter).</summary>
    private Task<JsonNode> ImportMugsAndPlates() => _checkout.Import(new JsonObject
    {
        ["products"] = new JsonArray(
            Product("filt1", "mug-red", "ext-mug-red", "AMZ-MUG-RED"),
            Product("filt2", "mug-blue", "ext-mug-blue", "AMZ-MUG-BLUE"),
            Product("filt3", "plate-red", null, "AMZ-PLATE-RED"),
            Product("filt4", "plate-blue", "ext-plate-blue", null),
            Product("filt5", "Mug-Green", "ext-mug-green", null)),
    });

    private static JsonObject Product(string id, string sku, string? externalId, string? amazonSku) =>
        new() { ["id"] = id, ["sku"] = sku, ["externalId"] = externalId, ["amazonSku"] = amazonSku, ["offerPrime"] = true };

    [Theory]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task Each_operation_keeps_exactly_the_products_it_names(string version)
    {
        await ImportMugsAndPlates();

        foreach (var (filter, expected) in new (string, string[])[]
        {
            ("""{"sku":{"eq":"mug-red"}}""", ["filt1"]),
            ("""{"sku":{"eq":"MUG-RED"}}""", []),
            ("""{"amazonSku":{"eq":"AMZ-PLATE-RED"}}""", ["filt3"]),
            ("""{"sku":{"neq":"mug-red"}}""", ["filt2", "filt3", "filt4", "filt5"]),
            // A product without an external id is not "ext-mug-red" either.
            ("""{"externalId":{"neq":"ext-mug-red"}}""", ["filt2", "filt3", "filt4", "filt5"]),
            ("""{"sku":{"anyOf":["mug-red","plate-blue","no-such-sku"]}}""", ["filt1", "filt4"]),
            ("""{"sku":{"anyOf":[]}}""", []),
            ("""{"sku":{"noneOf":["mug-red","plate-blue"]}}""", ["filt2", "filt3", "filt5"]),
            ("""{"amazonSku":{"noneOf":["AMZ-MUG-RED"]}}""", ["filt2", "filt3", "filt4", "filt5"]),
            ("""{"externalId":{"isNull":true}}""", ["filt3"]),
            ("""{"amazonSku":{"isNull":false}}""", ["filt1", "filt2", "filt3"]),
            ("""{"sku":{"regex":"^mug-"}}""", ["filt1", "filt2"]),
            ("""{"sku":{"regex":"(?i)^mug-"}}""", ["filt1", "filt2", "filt5"]),
            ("""{"externalId":{"regex":"red$"}}""", ["filt1"]),
            ("""{"amazonSku":{"regex":"BLUE"}}""", ["filt2"]),
            // BwP's StringFilter page's own example: not null AND equal.
            ("""{"sku":{"eq":"mug-red","isNull":false}}""", ["filt1"]),
            ("""{}""", ["filt1", "filt2", "filt3", "filt4", "filt5"]),
            ("""{"sku":{}}""", ["filt1", "filt2", "filt3", "filt4", "filt5"]),
        })
        {
            var got = await Ids(version, filter);
            Assert.True(expected.SequenceEqual(got), $"{filter}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", got)}]");
        }
    }

    [Fact]
    public async Task Operations_and_fields_all_have_to_hold()
    {
        await ImportMugsAndPlates();

        foreach (var (filter, expected) in new (string, string[])[]
        {
            ("""{"sku":{"regex":"^mug","neq":"mug-red"}}""", ["filt2"]),
            ("""{"sku":{"anyOf":["mug-red","mug-blue","plate-red"],"noneOf":["mug-blue"]}}""", ["filt1", "filt3"]),
            ("""{"sku":{"regex":"red"},"amazonSku":{"isNull":false}}""", ["filt1", "filt3"]),
            ("""{"sku":{"regex":"^plate"},"externalId":{"isNull":false}}""", ["filt4"]),
            ("""{"sku":{"regex":"blue"},"externalId":{"regex":"^ext-"},"amazonSku":{"isNull":true}}""", ["filt4"]),
            ("""{"sku":{"eq":"mug-red"},"externalId":{"eq":"ext-mug-blue"}}""", []),
            ("""{"sku":{"eq":"mug-red","neq":"mug-red"}}""", []),
        })
        {
            var got = await Ids(ApiClient.V2024_11_01, filter);
            Assert.True(expected.SequenceEqual(got), $"{filter}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", got)}]");
        }

        // As a literal in the query, as BwP's pages write arguments.
        var literal = (await _checkout.Send(ApiClient.V2024_11_01, """{ products(filter: { sku: { regex: "^plate" }, externalId: { isNull: false } }) { edges { node { id sku { value } } } } }"""))
            .AssertSuccess().Data!["products"]!;
        JsonMatch.Assert("""{"edges":[{"node":{"id":"filt4","sku":{"value":"plate-blue"}}}]}""", literal);
    }

    [Theory]
    [InlineData("""{"sku":{"regex":"^item-([1-4]0)?7$"}}""")]
    [InlineData("""{"sku":{"anyOf":["item-7","item-107","item-207","item-307","item-407"]}}""")]
    [InlineData("""{"sku":{"regex":"^item-"},"externalId":{"anyOf":["ext-7","ext-107","ext-207","ext-307","ext-407"]}}""")]
    public async Task A_cursor_goes_on_within_the_filtered_list(string filter)
    {
        // 450 products, 5 of them matching, far apart: a regex reads on through several batches to fill a page.
        await _checkout.Import(new JsonObject
        {
            ["products"] = new JsonArray(Enumerable.Range(0, 450).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = $"item{i:D4}", ["sku"] = $"item-{i}", ["externalId"] = $"ext-{i}",
            }).ToArray()),
        });

        var pages = new List<JsonNode>();
        string? after = null;
        do
        {
            var page = await Page(ApiClient.V2024_11_01, filter, 2, after);
            pages.Add(page);
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null && pages.Count < 10);

        Assert.Equal([["item0007", "item0107"], ["item0207", "item0307"], ["item0407"]], pages.Select(p => IdsOf(p).ToArray()).ToArray());
        Assert.Equal([false, true, true], pages.Select(p => (bool)p["pageInfo"]!["hasPreviousPage"]!).ToArray());
        Assert.Equal("catalogid#item0307", (string?)pages[1]["pageInfo"]!["endCursor"]);
        // Exactly a page's worth left: no next page is promised.
        var last = await Page(ApiClient.V2024_11_01, filter, 3, "catalogid#item0007");
        Assert.Equal(["item0107", "item0207", "item0307"], IdsOf(last));
        Assert.True((bool)last["pageInfo"]!["hasNextPage"]!);
        Assert.False((bool)(await Page(ApiClient.V2024_11_01, filter, 4, "catalogid#item0007"))["pageInfo"]!["hasNextPage"]!);
        // A cursor at a product the filter leaves out goes on from there all the same.
        Assert.Equal(["item0207"], IdsOf(await Page(ApiClient.V2024_11_01, filter, 1, "catalogid#item0150")));
    }

    [Theory]
    [InlineData("""{"sku":{"regex":"("}}""", "filter.sku.regex", "not a .NET regular expression")]
    [InlineData("""{"externalId":{"regex":"[a-"}}""", "filter.externalId.regex", "not a .NET regular expression")]
    [InlineData("""{"amazonSku":{"anyOf":["a",null]}}""", "filter.amazonSku.anyOf[1]", "isNull: true")]
    [InlineData("""{"sku":{"noneOf":["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20","21","22","23","24","25","26","27","28","29","30","31","32","33"]}}""",
        "filter.sku.noneOf", "at most 32 values")]
    public async Task A_filter_BwP_would_not_take_is_a_clear_InvalidInput_naming_its_field(string filter, string field, string what)
    {
        await ImportMugsAndPlates();

        var response = await _checkout.Send(ApiClient.V2024_11_01, Query, new JsonObject { ["filter"] = JsonNode.Parse(filter) });

        var message = (string?)response.AssertError("ValidationError", "InvalidInput")["message"];
        Assert.StartsWith(field + ": ", message);
        Assert.Contains(what, message);
        Assert.Null(response.Data!["products"]);
    }

    [Fact]
    public async Task Values_over_BwPs_limits_and_too_slow_patterns_are_refused_not_a_500()
    {
        await _checkout.Import(new JsonObject { ["products"] = new JsonArray(Product("slow1", new string('a', 40) + "!", null, null)) });

        var tooLong = await _checkout.Send(ApiClient.V2024_11_01, Query, new JsonObject { ["filter"] = new JsonObject { ["sku"] = new JsonObject { ["eq"] = new string('x', 257) } } });
        Assert.StartsWith("filter.sku.eq: give at most 256 characters", (string?)tooLong.AssertError("ValidationError", "InvalidInput")["message"]);

        var clock = Stopwatch.StartNew();
        var slow = await _checkout.Send(ApiClient.V2024_11_01, Query, new JsonObject { ["filter"] = JsonNode.Parse("""{"sku":{"regex":"^(a|aa)+(?!x)$"}}""") });
        var message = (string?)slow.AssertError("ValidationError", "InvalidInput")["message"];
        Assert.StartsWith("filter.sku.regex: the pattern took longer than", message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refused after {clock.Elapsed}");
        // Without the lookahead the same nesting runs on the linear-time engine: found, never timed out.
        Assert.Empty(await Ids(ApiClient.V2024_11_01, """{"sku":{"regex":"^(a|aa)+$"}}"""));
        // The server goes on answering.
        Assert.Equal(["slow1"], await Ids(ApiClient.V2024_11_01, """{"sku":{"regex":"!$"}}"""));
    }

    [Fact]
    public async Task A_filter_finds_only_its_own_targets_products()
    {
        await ImportMugsAndPlates();
        var other = new CheckoutSetup(server, "bp-other-" + Guid.NewGuid());
        await other.Import(new JsonObject { ["products"] = new JsonArray(Product("othr1", "mug-red", "ext-mug-red", "AMZ-MUG-RED"), Product("othr2", "bowl", null, null)) });

        Assert.Equal(["filt1"], await Ids(ApiClient.V2024_11_01, """{"sku":{"eq":"mug-red"}}"""));
        Assert.Equal(["filt1", "filt2", "filt3", "filt4", "filt5"], await Ids(ApiClient.V2024_11_01, """{"sku":{"regex":""}}"""));
        Assert.Equal(["filt3"], await Ids(ApiClient.V2024_11_01, """{"externalId":{"isNull":true}}"""));
        Assert.Equal(["othr1", "othr2"], await Ids(ApiClient.V2024_11_01, """{"sku":{"noneOf":["mug-blue"]}}""", other));
        var empty = new CheckoutSetup(server, "bp-empty-" + Guid.NewGuid());
        Assert.Empty(await Ids(ApiClient.V2024_11_01, """{"sku":{"neq":"x"}}""", empty));
    }

    private async Task<JsonNode> Page(string version, string filter, int? first, string? after, CheckoutSetup? target = null) =>
        (await (target ?? _checkout).Send(version, Query, new JsonObject { ["filter"] = JsonNode.Parse(filter), ["first"] = first, ["after"] = after }))
            .AssertSuccess().Data!["products"]!;

    /// <summary>Every product the filter keeps, through all its pages (of at most 20).</summary>
    private async Task<List<string>> Ids(string version, string filter, CheckoutSetup? target = null)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = await Page(version, filter, null, after, target);
            ids.AddRange(IdsOf(page));
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);
        return ids;
    }

    private static List<string> IdsOf(JsonNode page) => page["edges"]!.AsArray().Select(e => (string)e!["node"]!["id"]!).ToList();
}
