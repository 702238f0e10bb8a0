using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Variation groups over HTTP, as BwP's variations guide describes them: a product made (or updated) with
/// variationGroupMembership joins its representative's group, which both products show; one group per product; at
/// most 200 members; what is refused changes nothing.
/// </summary>
public sealed class CatalogVariationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    private const string Group = """
        id sku { value }
        variationGroupMembership { variationSelections { dimension value } variationGroup { representativeProduct { sku { value } } } }
        representativeOfVariationGroup { representativeProduct { sku { value } } members { product { sku { value } } variationSelections { dimension value } } }
        """;

    private Task<GraphQLResponse> CreateVariation(string version, string sku, string representative, string selections = """{ dimension: "size", value: "large" }""") =>
        _checkout.Send(version, $$"""
            mutation { createProduct(input: { sku: "{{sku}}", amazonSku: { value: "amz-{{sku}}" }, offerPrime: true,
              variationGroupMembership: { representativeProductId: { sku: "{{representative}}" }, variationSelections: [{{selections}}] } }) { id } }
            """);

    [Theory]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task A_variation_joins_its_representatives_group_and_both_show_it(string version)
    {
        await _checkout.CreateProduct(version, "shirt");
        // The guide's example: the size is large and the color is red.
        (await CreateVariation(version, "shirt-l-red", "shirt", """{ dimension: "size", value: "large" }, { dimension: "color", value: "red" }""")).AssertSuccess();
        await _checkout.CreateProduct(version, "shirt-m");
        (await _checkout.Send(version, """
            mutation { updateProduct(identifier: { sku: "shirt-m" }, input: { variationGroupMembership: { representativeProductId: { sku: "shirt" }, variationSelections: [{ dimension: "size", value: "medium" }] } }) { id } }
            """)).AssertSuccess();

        var member = (await _checkout.Send(version, $$"""{ product(identifier: { sku: "shirt-l-red" }) { {{Group}} } }""")).AssertSuccess().Data!["product"]!;
        var representative = (await _checkout.Send(version, $$"""{ product(identifier: { sku: "shirt" }) { {{Group}} } }""")).AssertSuccess().Data!["product"]!;

        JsonMatch.Assert("""
            {"variationSelections":[{"dimension":"size","value":"large"},{"dimension":"color","value":"red"}],"variationGroup":{"representativeProduct":{"sku":{"value":"shirt"}}}}
            """, member["variationGroupMembership"]);
        Assert.Null(member["representativeOfVariationGroup"]);
        Assert.Null(representative["variationGroupMembership"]);
        Assert.Equal(["shirt-l-red", "shirt-m"], representative["representativeOfVariationGroup"]!["members"]!.AsArray()
            .Select(m => (string)m!["product"]!["sku"]!["value"]!).Order());
    }

    [Fact]
    public async Task A_product_is_in_one_group_at_a_time_and_refusals_change_nothing()
    {
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "hat");
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "cap");
        (await CreateVariation(ApiClient.V2024_11_01, "hat-red", "hat")).AssertSuccess();

        foreach (var (request, expected) in new (Func<Task<GraphQLResponse>>, string)[]
        {
            (() => CreateVariation(ApiClient.V2024_11_01, "hat-blue", "hat-red"), "is a variation in the group of product"),
            (() => CreateVariation(ApiClient.V2024_11_01, "hat-big", "hat", """{ dimension: "size", value: "L" }, { dimension: "size", value: "XL" }"""), "is given twice"),
            (() => CreateVariation(ApiClient.V2024_11_01, "hat-none", "hat", ""), "at least one dimension"),
            (() => _checkout.Send(ApiClient.V2024_11_01, """
                mutation { updateProduct(identifier: { sku: "hat" }, input: { variationGroupMembership: { representativeProductId: { sku: "cap" }, variationSelections: [{ dimension: "brim", value: "wide" }] } }) { id } }
                """), "represents a variation group of 1 products"),
            (() => _checkout.Send(ApiClient.V2024_11_01, """
                mutation { updateProduct(identifier: { sku: "cap" }, input: { variationGroupMembership: { representativeProductId: { sku: "cap" }, variationSelections: [{ dimension: "brim", value: "wide" }] } }) { id } }
                """), "cannot be a variation of itself"),
        })
        {
            var refused = await request();
            Assert.Contains(expected, (string?)refused.AssertError("ValidationError", "InvalidInput")["message"]);
        }
        (await CreateVariation(ApiClient.V2024_11_01, "hat-ghost", "no-such-sku")).AssertError("ResourceNotFoundError");
        // Another target's products are not there to name.
        var other = new CheckoutSetup(server, "bp-other-" + Guid.NewGuid());
        (await other.Send(ApiClient.V2024_11_01, """
            mutation { createProduct(input: { sku: "theirs", variationGroupMembership: { representativeProductId: { sku: "hat" }, variationSelections: [{ dimension: "size", value: "S" }] } }) { id } }
            """)).AssertError("ResourceNotFoundError");

        foreach (var sku in new[] { "hat-blue", "hat-big", "hat-none", "hat-ghost" })
            (await _checkout.Send(ApiClient.V2024_11_01, $$"""{ product(identifier: { sku: "{{sku}}" }) { id } }""")).AssertError("ResourceNotFoundError");
        var cap = (await _checkout.Send(ApiClient.V2024_11_01, $$"""{ product(identifier: { sku: "cap" }) { {{Group}} } }""")).AssertSuccess().Data!["product"]!;
        Assert.Null(cap["variationGroupMembership"]);
        Assert.Null(cap["representativeOfVariationGroup"]);
    }

    [Fact]
    public async Task A_group_has_at_most_200_members()
    {
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "sock");
        for (var i = 0; i < 200; i++)
            (await CreateVariation(ApiClient.V2024_11_01, $"sock-{i}", "sock", $$"""{ dimension: "size", value: "{{i}}" }""")).AssertSuccess();

        var refused = await CreateVariation(ApiClient.V2024_11_01, "sock-200", "sock");

        Assert.Contains("has 200 members, BwP's maximum", (string?)refused.AssertError("ValidationError", "InvalidInput")["message"]);
    }
}
