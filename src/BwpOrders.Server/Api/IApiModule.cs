using GraphQL.Utilities;

namespace BwpOrders.Server.Api;

/// <summary>
/// One BwP interface (Orders, Returns, Tracking, ...) in every version that has it: its resolvers and views per
/// <see cref="ApiVersion"/>, and the scopes its root fields need where BwP's pages name other than the default.
/// </summary>
public interface IApiModule
{
    /// <summary>
    /// The module's SDL resources in a version's schema (none where the version has no such interface), named
    /// <c>Module/Sdl/FILE.graphql</c>; sandbox-only parts are left out in <paramref name="production"/>.
    /// </summary>
    IEnumerable<string> Sdl(ApiVersion version, bool production);

    /// <summary>Maps the module's fields and root resolvers into a version's schema (nothing where the version has none).</summary>
    void Configure(SchemaBuilder builder, ApiVersion version);

    /// <summary>Root fields that need scopes other than View Order Data (queries) or Edit Order Data (mutations).</summary>
    IReadOnlyDictionary<string, string[]> Scopes => new Dictionary<string, string[]>();
}

/// <summary>The modules every version's schema is composed of.</summary>
public static class ApiModules
{
    public static IReadOnlyList<IApiModule> All { get; } =
    [
        new Orders.OrdersModule(), new Cancellations.CancellationsModule(), new Returns.ReturnsModule(), new Tracking.TrackingModule(),
        new ReversalOffers.ReversalOffersModule(), new EventSubscriptions.EventSubscriptionsModule(), new Sandbox.SandboxModule(),
        new ShopperEligibility.ShopperEligibilityModule(), new Catalog.CatalogModule(), new Inventory.InventoryModule(),
        new DeliveryPreview.DeliveryPreviewModule(), new Offers.OffersModule(),
    ];

    /// <summary>Every root field's special scopes, from the module that serves it.</summary>
    public static IReadOnlyDictionary<string, string[]> Scopes { get; } = All.SelectMany(m => m.Scopes).ToDictionary(p => p.Key, p => p.Value);
}
