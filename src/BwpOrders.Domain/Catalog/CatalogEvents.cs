namespace BwpOrders.Domain.Catalog;

/// <summary>
/// The BwP events a catalog write causes, found between the product before and after it (null: not in the catalog).
/// <c>BUYABILITY_CHANGED</c> when the product becomes buyable with Prime or stops being so (a new product created
/// buyable included; a deleted one, which the merchant removed, announces nothing); <c>INVENTORY_CHANGED</c> when the
/// buyable quantity of a product that stays in the catalog changes. Resources as BwP's event pages print them.
/// </summary>
public static class CatalogEvents
{
    public static IReadOnlyList<DomainEvent> Between(CatalogProduct? before, CatalogProduct? after)
    {
        if (after is null) return [];
        var events = new List<DomainEvent>();
        if (IsBuyable(before) != IsBuyable(after))
            events.Add(DomainEvent.OfCatalog(EventTypes.BuyabilityChanged, ItemResource(after.Id), after.UpdatedAt));
        if (before is not null && before.BuyableQuantity != after.BuyableQuantity)
            events.Add(DomainEvent.OfCatalog(EventTypes.InventoryChanged, QuantityResource(after.Id), after.UpdatedAt));
        return events;
    }

    /// <summary>BUYABILITY_CHANGED's resource: the product (BwP's "item"), found again with <c>product(identifier: {productId})</c>.</summary>
    public static string ItemResource(string productId) => $"items/{productId}";

    /// <summary>INVENTORY_CHANGED's resource: the inventory item, the product's id (<c>inventoryItem(inventoryItemId:)</c>).</summary>
    public static string QuantityResource(string productId) => $"item-quantities/{productId}";

    private static bool IsBuyable(CatalogProduct? product) => product?.Buyability == BuyabilityStatus.Buyable;
}
