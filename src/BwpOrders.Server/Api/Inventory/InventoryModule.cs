using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;
using BwpOrders.Server.GraphQL;
using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Server.Api.Inventory;

/// <summary>
/// inventoryItem, in every version: a catalog product's buyable quantity, by its id. A product BwP cannot stock
/// answers as BwP's page shows, with partial data: its id, a null quantity and the reason as a ValidationError.
/// </summary>
public sealed class InventoryModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => ["Inventory/Sdl/inventory.graphql"];

    public IReadOnlyDictionary<string, string[]> Scopes { get; } = new Dictionary<string, string[]> { ["inventoryItem"] = [Domain.Access.Scopes.InventoryData] };

    public void Configure(SchemaBuilder builder, ApiVersion version) => builder
        .Map<CatalogProduct>("InventoryItem", "inventoryItemId", p => p.Id)
        .Map<CatalogProduct>("InventoryItem", "buyableQuantity", BuyableQuantity)
        .Root("Query", "inventoryItem", Item);

    private static async Task<object?> Item(IResolveFieldContext ctx, RequestContext request)
    {
        var id = ctx.GetArgument<string>("inventoryItemId");
        if (id.Length is 0 or > CatalogRules.ProductIdLength)
            throw BwpException.Validation(ErrorCodes.InvalidInput, $"inventoryItemId: give the product's id (1 to {CatalogRules.ProductIdLength} characters).");
        return await ctx.RequestServices!.GetRequiredService<CatalogService>().GetAsync(request.TargetId, new(ProductLookupKind.ProductId, id), ctx.CancellationToken);
    }

    private static Domain.Model.Quantity BuyableQuantity(CatalogProduct product)
    {
        if (product.AmazonSku is null)
            throw BwpException.Validation(ErrorCodes.MissingAmazonSkuConfiguration,
                $"Inventory item {product.Id} is not associated with an MSKU: give the product its amazonSku (updateProduct).");
        if (product.OfferPrime && product.Buyability == BuyabilityStatus.NotBuyable)
            throw BwpException.Validation(ErrorCodes.InvalidAmazonSkuConfiguration,
                $"Inventory item {product.Id} is associated with an invalid MSKU: '{product.AmazonSku.Value}' is not a Seller Central SKU of this merchant.");
        return new Domain.Model.Quantity(product.BuyableQuantity, "UNIT");
    }
}
