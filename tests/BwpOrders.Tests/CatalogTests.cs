using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The Catalog interface over HTTP: products by any identifier, partial updates, paging, purchase groups, scopes and targets.</summary>
public sealed class CatalogTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    [Theory]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task A_created_product_is_found_by_each_of_its_identifiers(string version)
    {
        var id = await _checkout.CreateProduct(version, "mug-1", offerPrime: true);

        foreach (var identifier in new[] { $$"""{ productId: "{{id}}" }""", """{ sku: "mug-1" }""", """{ externalId: "ext-mug-1" }""", """{ amazonSku: { value: "amz-mug-1" } }""" })
        {
            var product = (await _checkout.Send(version, $"{{ product(identifier: {identifier}) {{ id sku {{ value }} externalId {{ value }} amazonSku {{ value marketplaceId }} offerPrime buyability {{ status }} }} }}"))
                .AssertSuccess().Data!["product"]!;
            JsonMatch.Assert($$$"""
                {"id":"{{{id}}}","sku":{"value":"mug-1"},"externalId":{"value":"ext-mug-1"},"amazonSku":{"value":"amz-mug-1","marketplaceId":null},"offerPrime":true,"buyability":{"status":"BUYABLE"}}
                """, product);
        }
        Assert.Matches("^[a-z0-9]{14}$", id);
    }

    [Fact]
    public async Task Update_changes_only_the_fields_given_and_can_change_identifiers()
    {
        var id = await _checkout.CreateProduct(ApiClient.V2024_11_01, "lamp-1", offerPrime: true);

        (await _checkout.Send(ApiClient.V2024_11_01, """mutation { updateProduct(identifier: { sku: "lamp-1" }, input: { sku: "lamp-2", offerPrime: false }) { id } }""")).AssertSuccess();

        var product = (await _checkout.Send(ApiClient.V2024_11_01, """{ product(identifier: { sku: "lamp-2" }) { id externalId { value } offerPrime buyability { status } productDetailPageUrl } }""")).AssertSuccess().Data!["product"]!;
        JsonMatch.Assert($$$"""{"id":"{{{id}}}","externalId":{"value":"ext-lamp-1"},"offerPrime":false,"buyability":{"status":"NOT_BUYABLE"},"productDetailPageUrl":"https://example.com/products/lamp-1"}""", product);
        (await _checkout.Send(ApiClient.V2024_11_01, """{ product(identifier: { sku: "lamp-1" }) { id } }""")).AssertError("ResourceNotFoundError");
    }

    [Fact]
    public async Task Deleting_an_unknown_product_is_the_documented_not_found_with_null_data()
    {
        var response = await _checkout.Send(ApiClient.V2024_11_01, """mutation { deleteProduct(identifier: { sku: "never-created" }) { id } }""");

        var error = response.AssertError("ResourceNotFoundError");
        Assert.StartsWith("Request references a resource which does not exist", (string?)error["message"]);
        Assert.Equal(404, (int)error["extensions"]!["classification"]!["errorCode"]!);
        Assert.Null(response.Data!["deleteProduct"]);
    }

    [Fact]
    public async Task Identifiers_are_unique_within_a_target_but_not_across_targets()
    {
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "dup-1");
        var again = await _checkout.Send(ApiClient.V2024_11_01, """mutation { createProduct(input: { sku: "dup-1" }) { id } }""");
        again.AssertError("ConflictError", "DuplicateProductIdentifier");

        var other = new CheckoutSetup(server, "bp-other-" + Guid.NewGuid());
        await other.CreateProduct(ApiClient.V2024_11_01, "dup-1");
        (await other.Send(ApiClient.V2024_11_01, """{ product(identifier: { sku: "dup-1" }) { id } }""")).AssertSuccess();
    }

    [Fact]
    public async Task Products_pages_by_id_with_catalogid_cursors()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await _checkout.CreateProduct(ApiClient.V2024_11_01, $"page-{i}"));
        ids.Sort(StringComparer.Ordinal);

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = (await _checkout.Send(ApiClient.V2024_11_01, "query($after: String) { products(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }",
                new JsonObject { ["after"] = after })).AssertSuccess().Data!["products"]!;
            foreach (var edge in page["edges"]!.AsArray())
            {
                Assert.Equal("catalogid#" + (string)edge!["node"]!["id"]!, (string?)edge["cursor"]);
                seen.Add((string)edge["node"]!["id"]!);
            }
            after = (bool)page["pageInfo"]!["hasNextPage"]! ? (string?)page["pageInfo"]!["endCursor"] : null;
        }
        while (after is not null);

        Assert.Equal(ids, seen);
        (await _checkout.Send(ApiClient.V2024_11_01, "{ products(first: 21) { edges { cursor } } }")).AssertError("ValidationError", "InvalidInput");
    }

    [Fact]
    public async Task A_purchase_group_lists_its_members()
    {
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "cup");
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "saucer");

        var id = (string)(await _checkout.Send(ApiClient.V2024_11_01, """
            mutation { createPurchaseGroup(input: {
              representativeProduct: { representativeProduct: { sku: "cup-and-saucer", offerPrime: true, amazonSku: { value: "amz-set" } } }
              members: [{ product: { sku: "cup" }, memberAmount: { value: 1, unit: "UNIT" } }, { product: { sku: "saucer" }, memberAmount: { value: 2, unit: "UNIT" } }] }) { id } }
            """)).AssertSuccess().Data!["createPurchaseGroup"]!["id"]!;

        var group = (await _checkout.Send(ApiClient.V2024_11_01, $$"""{ product(identifier: { productId: "{{id}}" }) { sku { value } representativeOfPurchaseGroup { members { product { sku { value } } memberAmount { value unit } } } } }"""))
            .AssertSuccess().Data!["product"]!;
        JsonMatch.Assert("""
            {"sku":{"value":"cup-and-saucer"},"representativeOfPurchaseGroup":{"members":[{"product":{"sku":{"value":"cup"}},"memberAmount":{"value":1,"unit":"UNIT"}},{"product":{"sku":{"value":"saucer"}},"memberAmount":{"value":2,"unit":"UNIT"}}]}}
            """, group);
    }

    [Fact]
    public async Task The_catalog_needs_the_catalog_scope_and_stays_in_its_target()
    {
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "scoped-1");
        var orderScopes = await server.Tokens.IssueAsync(_checkout.Target, Scopes.Orders);
        var denied = await server.Api.Send(_checkout.Target, ApiClient.V2024_11_01, """{ product(identifier: { sku: "scoped-1" }) { id } }""", bearer: orderScopes);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains(Scopes.CatalogData, (string?)denied.AssertError("AccessDeniedError", "MissingScope")["message"]);

        var other = new CheckoutSetup(server, "bp-other-" + Guid.NewGuid());
        foreach (var attempt in new[]
        {
            """{ product(identifier: { sku: "scoped-1" }) { id } }""",
            """mutation { updateProduct(identifier: { sku: "scoped-1" }, input: { offerPrime: false }) { id } }""",
            """mutation { deleteProduct(identifier: { sku: "scoped-1" }) { id } }""",
        })
            (await other.Send(ApiClient.V2024_11_01, attempt)).AssertError("ResourceNotFoundError");
        Assert.Empty((await other.Send(ApiClient.V2024_11_01, "{ products { edges { cursor } } }")).AssertSuccess().Data!["products"]!["edges"]!.AsArray());
        (await _checkout.Send(ApiClient.V2024_11_01, """{ product(identifier: { sku: "scoped-1" }) { offerPrime } }""")).AssertSuccess();
    }

    [Fact]
    public async Task A_2024_11_01_product_shows_when_it_was_made_and_changed_and_no_groups_it_is_not_in()
    {
        await _checkout.CreateProduct(ApiClient.V2024_11_01, "plain-1");
        (await _checkout.Send(ApiClient.V2024_11_01, """mutation { updateProduct(identifier: { sku: "plain-1" }, input: { offerPrime: false }) { id } }""")).AssertSuccess();

        var product = (await _checkout.Send(ApiClient.V2024_11_01, """
            { product(identifier: { sku: "plain-1" }) { metadata { createdAt updatedAt } inventoryItem { buyableQuantity { amount } }
              purchaseGroupMemberships { memberAmount { value } } representativeOfPurchaseGroup { members { memberAmount { value } } }
              representativeOfVariationGroup { representativeProduct { id } } variationGroupMembership { product { id } } } }
            """)).AssertSuccess().Data!["product"]!;

        JsonMatch.Assert("""
            {"metadata":{"createdAt":"<timestamp>","updatedAt":"<timestamp>"},"inventoryItem":{"buyableQuantity":{"amount":100}},
             "purchaseGroupMemberships":[],"representativeOfPurchaseGroup":null,"representativeOfVariationGroup":null,"variationGroupMembership":null}
            """, product);
    }

    [Fact]
    public async Task Version_2024_01_01_has_mapping_product_but_no_product_operations()
    {
        var response = await _checkout.Send(ApiClient.V2024_01_01, """{ product(identifier: { sku: "x" }) { id } }""");
        Assert.Contains("product", (string?)response.Errors[0]!["message"]);

        var id = await _checkout.CreateProduct(ApiClient.V2024_11_01, "mapped-1");
        foreach (var identifier in new[] { $$"""{ ID: "{{id}}" }""", """{ ExternalId: "ext-mapped-1" }""", """{ mSKU: { value: "amz-mapped-1" } }""" })
            Assert.Equal(id, (string?)(await _checkout.Send(ApiClient.V2024_01_01, $"{{ mappingProduct(identifier: {identifier}) {{ id }} }}")).AssertSuccess().Data!["mappingProduct"]!["id"]);
        var both = await _checkout.Send(ApiClient.V2024_01_01, """{ mappingProduct(identifier: { SKU: "mapped-1", ID: "x" }) { id } }""");
        Assert.Contains("exactly one of ID, SKU, ExternalId or mSKU", (string?)both.AssertError("ValidationError", "InvalidInput")["message"]);
    }
}
