using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>inventoryItem in every version, and the sandbox catalog import (control API) that sets what BwP's side decides.</summary>
public sealed class InventoryAndImportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    private static JsonObject Catalog(params JsonObject[] products) => new() { ["products"] = new JsonArray(products) };

    private static JsonObject Product(string id, string sku, string? amazonSku, string buyability = "BUYABLE", decimal quantity = 7) => new()
    {
        ["id"] = id, ["sku"] = sku, ["amazonSku"] = amazonSku, ["offerPrime"] = true, ["title"] = "Product " + sku,
        ["price"] = new JsonObject { ["amount"] = 12.5, ["currencyCode"] = "USD" }, ["buyability"] = buyability, ["buyableQuantity"] = quantity,
    };

    [Theory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task An_imported_product_has_the_quantity_the_file_gives(string version)
    {
        await _checkout.Import(Catalog(Product("invitem0000001", "inv-1", "amz-inv-1", quantity: 7)));

        var response = await _checkout.Send(version, """{ inventoryItem(inventoryItemId: "invitem0000001") { inventoryItemId buyableQuantity { unit amount } } }""");

        JsonMatch.Assert("""{"inventoryItem":{"inventoryItemId":"invitem0000001","buyableQuantity":{"unit":"UNIT","amount":7}}}""", response.AssertSuccess().Data!);
    }

    [Theory]
    [InlineData(null, "BUYABLE", "MissingAmazonSkuConfiguration")]
    [InlineData("amz-bad", "NOT_BUYABLE", "InvalidAmazonSkuConfiguration")]
    public async Task A_product_without_a_valid_amazon_sku_answers_with_partial_data(string? amazonSku, string buyability, string code)
    {
        await _checkout.Import(Catalog(Product("invitem0000002", "inv-2", amazonSku, buyability)));

        var response = await _checkout.Send(ApiClient.V2024_11_01, """{ inventoryItem(inventoryItemId: "invitem0000002") { inventoryItemId buyableQuantity { amount } } }""");

        var error = response.AssertError("ValidationError", code);
        Assert.Equal("ValidationException", (string?)error["extensions"]!["classification"]!["errorType"]);
        JsonMatch.Assert("""{"inventoryItem":{"inventoryItemId":"invitem0000002","buyableQuantity":null}}""", response.Data!);
    }

    [Fact]
    public async Task An_unknown_item_is_not_found_and_the_scope_is_view_inventory_data()
    {
        (await _checkout.Send(ApiClient.V2024_11_01, """{ inventoryItem(inventoryItemId: "nosuchitem0001") { inventoryItemId } }""")).AssertError("ResourceNotFoundError");

        await _checkout.Import(Catalog(Product("invitem0000003", "inv-3", "amz-inv-3")));
        var catalogOnly = await server.Tokens.IssueAsync(_checkout.Target, [Scopes.CatalogData]);
        var denied = await server.Api.Send(_checkout.Target, ApiClient.V2024_11_01, """{ inventoryItem(inventoryItemId: "invitem0000003") { inventoryItemId } }""", bearer: catalogOnly);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains(Scopes.InventoryData, (string?)denied.AssertError("AccessDeniedError", "MissingScope")["message"]);
        var other = new CheckoutSetup(server, "bp-other-" + Guid.NewGuid());
        (await other.Send(ApiClient.V2024_11_01, """{ inventoryItem(inventoryItemId: "invitem0000003") { inventoryItemId } }""")).AssertError("ResourceNotFoundError");
    }

    [Fact]
    public async Task An_import_replaces_products_by_id_and_resolves_purchase_group_members_by_sku()
    {
        await _checkout.Import(Catalog(Product("impprod0000001", "imp-1", "amz-imp-1", quantity: 1)));
        var bundle = Product("impbundle00001", "imp-bundle", "amz-imp-bundle");
        bundle["members"] = new JsonArray(new JsonObject { ["sku"] = "imp-1", ["amount"] = 2 }, new JsonObject { ["sku"] = "imp-2" });

        var body = await _checkout.Import(Catalog(Product("impprod0000001", "imp-1", "amz-imp-1", quantity: 9), Product("impprod0000002", "imp-2", "amz-imp-2"), bundle));

        Assert.Equal(3, (int)body["imported"]!);
        var product = (await _checkout.Send(ApiClient.V2024_11_01, """
            { product(identifier: { sku: "imp-bundle" }) { id title { values { value locale } defaultLocale } price { currentPrice { amount currencyCode } }
              representativeOfPurchaseGroup { members { product { id } memberAmount { value unit } } } } }
            """)).AssertSuccess().Data!["product"]!;
        JsonMatch.Assert("""
            {"id":"impbundle00001","title":{"values":[{"value":"Product imp-bundle","locale":"en-US"}],"defaultLocale":"en-US"},"price":{"currentPrice":{"amount":12.5,"currencyCode":"USD"}},
             "representativeOfPurchaseGroup":{"members":[{"product":{"id":"impprod0000001"},"memberAmount":{"value":2,"unit":"UNIT"}},{"product":{"id":"impprod0000002"},"memberAmount":{"value":1,"unit":"UNIT"}}]}}
            """, product);
        Assert.Equal(9m, (decimal)(await _checkout.Send(ApiClient.V2024_11_01, """{ inventoryItem(inventoryItemId: "impprod0000001") { buyableQuantity { amount } } }"""))
            .AssertSuccess().Data!["inventoryItem"]!["buyableQuantity"]!["amount"]!);
    }

    [Theory]
    [InlineData("""{"products":[{"sku":"a","colour":"red"}]}""", "colour")]
    [InlineData("""{"products":[{"sku":"a","buyability":"MAYBE"}]}""", "products[0].buyability")]
    [InlineData("""{"products":[{"sku":"a"},{"sku":"a"}]}""", "DuplicateProductIdentifier")]
    [InlineData("""{"products":[{"sku":"b","members":[{"sku":"nowhere"}]}]}""", "products[0].members[0].sku")]
    [InlineData("""{"products":[]}""", "1 to 15000 products")]
    public async Task A_bad_catalog_file_is_refused_whole_and_changes_nothing(string file, string said)
    {
        var bearer = await server.Tokens.WithAllScopes(_checkout.Target);
        var (status, body) = await server.Api.Control(HttpMethod.Post, "/catalog/import", _checkout.Target, JsonNode.Parse(file), bearer: bearer);

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)status} {body.ToJsonString()}");
        Assert.Contains(said, body.ToJsonString());
        Assert.Empty((await _checkout.Send(ApiClient.V2024_11_01, "{ products { edges { cursor } } }")).AssertSuccess().Data!["products"]!["edges"]!.AsArray());
    }
}
