namespace BwpOrders.Domain.Access;

/// <summary>BwP permission names, exactly as the API reference prints them in "Required scope(s)".</summary>
public static class Scopes
{
    public const string ViewOrderData = "View Order Data";
    public const string EditOrderData = "Edit Order Data";
    public const string CatalogData = "View & Edit Catalog Data";
    public const string InventoryData = "View inventory data";
    public const string ShopperEligibility = "View Shopper Buy with Prime Eligibility";
    public const string DeliveryPreview = "View Delivery Preview";
    public const string PackageTracking = "View Package Tracking Milestone Changes";
    public const string ReturnPolicy = "View Product Return Policy";
    public const string ViewCatalogData = "View Catalog Data";

    public static readonly IReadOnlyList<string> All = [ViewOrderData, EditOrderData, CatalogData, InventoryData, ShopperEligibility, DeliveryPreview, PackageTracking, ReturnPolicy, ViewCatalogData];
    public static readonly IReadOnlyList<string> Orders = [ViewOrderData, EditOrderData];

    /// <summary>Parses a comma-separated list of scope names (case-insensitive), or "all".</summary>
    public static IReadOnlyList<string> Parse(string list)
    {
        if (list.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)) return All;
        var parsed = new List<string>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var scope = All.FirstOrDefault(s => s.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown scope '{name}'. Known scopes: {string.Join(", ", All)} (or 'all').");
            if (!parsed.Contains(scope)) parsed.Add(scope);
        }
        if (parsed.Count == 0) throw new ArgumentException("Give at least one scope.");
        return parsed;
    }
}
