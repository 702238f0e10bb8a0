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

    /// <summary>Why BwP cannot tell a product's quantity, in BwP's words (the inventoryItem page), or null when it can.</summary>
    private static (string Code, string Message)? Unstockable(CatalogProduct product) => product switch
    {
        { AmazonSku: null } => (ErrorCodes.MissingAmazonSkuConfiguration,
            "The buyable quantity cannot be determined because this item is not associated with an MSKU."),
        { OfferPrime: true, Buyability: BuyabilityStatus.NotBuyable } => (ErrorCodes.InvalidAmazonSkuConfiguration,
            "The buyable quantity cannot be determined because this item is associated with an invalid MSKU."),
        _ => null,
    };

    private static Domain.Model.Quantity? BuyableQuantity(CatalogProduct product, IResolveFieldContext ctx)
    {
        if (Unstockable(product) is not { } reason) return new Domain.Model.Quantity(product.BuyableQuantity, "UNIT");
        // BwP reports it at the inventory item (its path and location), whose other fields still answer.
        var item = ctx.Parent ?? ctx;
        var error = new BwpExecutionError(ErrorKind.Validation, reason.Code, reason.Message) { Path = item.ResponsePath };
        error.AddLocation(item.FieldAst, ctx.Document);
        ctx.Errors.Add(error);
        return null;
    }
}
