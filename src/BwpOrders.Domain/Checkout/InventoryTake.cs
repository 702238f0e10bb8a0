using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain.Checkout;

/// <summary>
/// Units of a catalog product an order's Prime line takes from the target's inventory, in the order's transaction
/// ("inventory counts remain unchanged except when an order is placed", BwP's sandbox page).
/// </summary>
public sealed record InventoryTake(string ProductId, decimal Amount)
{
    /// <summary>The product with the units taken; never below zero (the preview promised them, the order stands).</summary>
    public CatalogProduct From(CatalogProduct product) => product with { BuyableQuantity = Math.Max(0, product.BuyableQuantity - Amount) };

    /// <summary>Adds the takes to the change, announcing each product's new quantity when <paramref name="announce"/>.</summary>
    public static void Apply(Change change, IReadOnlyList<InventoryTake> takes, bool announce)
    {
        change.InventoryTaken.AddRange(takes);
        if (!announce) return;
        foreach (var productId in takes.Select(t => t.ProductId).Distinct())
            change.RecordResource(EventTypes.InventoryChanged, CatalogEvents.QuantityResource(productId));
    }
}
