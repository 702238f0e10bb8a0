using System.Net;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Each checkout operation, in each version that has it, needs exactly the permission its reference page names: a
/// token with every other scope is 403 MissingScope naming it (and changes nothing), one with only that scope passes.
/// </summary>
public sealed class CheckoutScopeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly CheckoutSetup _checkout = new(server, "bp-" + Guid.NewGuid());

    private const string Items = """{ productIdentifier: { sku: "scope-sku" }, amount: { value: 1 } }""";

    public static TheoryData<string, string, string> Operations => new()
    {
        { ApiClient.V2024_01_01, """{ mappingProduct(identifier: { SKU: "scope-sku" }) { id } }""", Scopes.CatalogData },
        { ApiClient.V2024_04_01, """{ product(identifier: { sku: "scope-sku" }) { id } }""", Scopes.CatalogData },
        { ApiClient.V2024_11_01, """{ products(first: 1) { edges { cursor } } }""", Scopes.CatalogData },
        { ApiClient.V2024_11_01, """mutation { createProduct(input: { sku: "scope-new" }) { id } }""", Scopes.CatalogData },
        { ApiClient.V2024_11_01, """mutation { updateProduct(identifier: { sku: "scope-sku" }, input: { offerPrime: false }) { id } }""", Scopes.CatalogData },
        { ApiClient.V2024_04_01, """mutation { deleteProduct(identifier: { sku: "scope-sku" }) { id } }""", Scopes.CatalogData },
        { ApiClient.V2024_11_01, """mutation { createPurchaseGroup(input: { representativeProduct: { representativeProductId: "x" }, members: [] }) { id } }""", Scopes.CatalogData },
        { ApiClient.V2024_01_01, """{ inventoryItem(inventoryItemId: "scopeitem00001") { inventoryItemId } }""", Scopes.InventoryData },
        { ApiClient.V2024_11_01, """{ inventoryItem(inventoryItemId: "scopeitem00001") { inventoryItemId } }""", Scopes.InventoryData },
        { ApiClient.V2024_11_01, $$"""{ shopperBwPEligibility(identityToken: { lwaAccessToken: { value: "{{SandboxTokens.LwaPrime}}" } }) { bwpEligibilityStatus } }""", Scopes.ShopperEligibility },
        { ApiClient.V2024_01_01, """{ deliveryPreview(input: { items: [{ itemIdentifier: { SKU: "scope-sku" }, amount: { value: 1 } }] }) { id } }""", Scopes.DeliveryPreview },
        { ApiClient.V2024_11_01, $$"""{ deliveryPreview(input: { products: [{{Items}}] }) { id } }""", Scopes.DeliveryPreview },
        { ApiClient.V2024_11_01, """{ offers(input: { lineItems: [{ product: { identifier: { sku: "scope-sku" } }, amount: { value: 1 } }] }) { edges { node { id } } } }""", Scopes.DeliveryPreview },
        { ApiClient.V2024_11_01, """mutation { createOrderFromOffer(input: { baseOfferId: "none" }) { order { id } } }""", Scopes.EditOrderData },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_operation_needs_its_documented_scope_and_no_other(string version, string request, string scope)
    {
        await _checkout.Import(new() { ["products"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["sku"] = "scope-sku", ["amazonSku"] = "amz-scope", ["offerPrime"] = true }) });

        var others = await server.Tokens.IssueAsync(_checkout.Target, Scopes.All.Where(s => s != scope).ToList());
        var denied = await server.Api.Send(_checkout.Target, version, request, bearer: others);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains(scope, (string?)denied.AssertError("AccessDeniedError", "MissingScope")["message"]);

        // What was refused changed nothing: no product was created, none updated or deleted.
        (await _checkout.Send(ApiClient.V2024_11_01, """{ product(identifier: { sku: "scope-new" }) { id } }""")).AssertError("ResourceNotFoundError");
        var kept = await _checkout.Send(ApiClient.V2024_11_01, """{ product(identifier: { sku: "scope-sku" }) { offerPrime } }""");
        Assert.True((bool)kept.AssertSuccess().Data!["product"]!["offerPrime"]!);

        var only = await server.Tokens.IssueAsync(_checkout.Target, [scope]);
        var allowed = await server.Api.Send(_checkout.Target, version, request, bearer: only);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.Status);
        Assert.DoesNotContain(allowed.Errors, e => (string?)e!["extensions"]?["classification"]?["type"] == "AccessDeniedError");
    }
}
