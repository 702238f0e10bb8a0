using BwpOrders.Domain;

namespace BwpOrders.Server.Api.EventSubscriptions;

/// <summary>
/// BwP's event names per <see cref="EventNaming"/>. Events are stored by their current (package) names; versions
/// with the delivery naming (2024-01-01, 2024-04-01) use the older delivery names and have no ORDER_CONFIRMED,
/// REFUND_COMPLETED or tracker milestones.
/// </summary>
public static class EventNames
{
    private static readonly IReadOnlyDictionary<string, string> DeliveryNames = new Dictionary<string, string>
    {
        [EventTypes.PackageInTransit] = "DELIVERY_IN_TRANSIT",
        [EventTypes.PackageDelivered] = "DELIVERY_COMPLETED",
        [EventTypes.PackageCancelled] = "DELIVERY_CANCELLED",
        [EventTypes.RefundRequested] = EventTypes.RefundRequested,
        [EventTypes.ReturnStarted] = EventTypes.ReturnStarted,
        [EventTypes.ReturnPackageInTransit] = "RETURN_DELIVERY_IN_TRANSIT",
        [EventTypes.ReturnPackageDelivered] = "RETURN_DELIVERY_COMPLETED",
        [EventTypes.ReturnPackageDeliveryFailed] = "RETURN_DELIVERY_FAILED",
        [EventTypes.ReturnItemGraded] = EventTypes.ReturnItemGraded,
        [EventTypes.ReturnCompleted] = EventTypes.ReturnCompleted,
        [EventTypes.BuyabilityChanged] = EventTypes.BuyabilityChanged,
        [EventTypes.InventoryChanged] = EventTypes.InventoryChanged,
    };

    /// <summary>Names BwP deprecated (2024-11-01 changelog) that subscriptions may still use, and the event each means.</summary>
    private static readonly IReadOnlyDictionary<string, string> Deprecated = new Dictionary<string, string>
    {
        ["DELIVERY_IN_TRANSIT"] = EventTypes.PackageInTransit, ["ITEM_IN_TRANSIT"] = EventTypes.PackageInTransit,
        ["DELIVERY_COMPLETED"] = EventTypes.PackageDelivered, ["ITEM_DELIVERED"] = EventTypes.PackageDelivered,
        ["DELIVERY_CANCELLED"] = EventTypes.PackageCancelled, ["ITEM_CANCELLED"] = EventTypes.PackageCancelled,
        ["RETURN_DELIVERY_IN_TRANSIT"] = EventTypes.ReturnPackageInTransit,
        ["RETURN_DELIVERY_COMPLETED"] = EventTypes.ReturnPackageDelivered,
        ["RETURN_DELIVERY_FAILED"] = EventTypes.ReturnPackageDeliveryFailed,
    };

    /// <summary>The documented events the delivery naming never had: the order, refund-completed and tracker events.</summary>
    private static readonly HashSet<string> OnlyPackageNaming = [EventTypes.OrderConfirmed, EventTypes.RefundCompleted, EventTypes.PackageTrackerMilestoneChanged];

    /// <returns>The event's name in <paramref name="version"/>, or null when that version has no such event.</returns>
    public static string? In(ApiVersion version, string eventType) =>
        version.EventNaming == EventNaming.Package ? eventType : DeliveryNames.GetValueOrDefault(eventType);

    /// <returns>
    /// The event (by its 2024-11-01 name) that a subscription made in <paramref name="version"/> names
    /// <paramref name="name"/>, or null when the version has no event of that name.
    /// </returns>
    public static string? Subscribable(ApiVersion version, string name)
    {
        if (Deprecated.TryGetValue(name, out var canonical)) return canonical;
        if (!EventTypes.Documented.Contains(name)) return null;
        if (version.EventNaming == EventNaming.Package) return name;
        // In the delivery naming, the delivery events had only their older names.
        return OnlyPackageNaming.Contains(name) || DeliveryNames.TryGetValue(name, out var older) && older != name ? null : name;
    }
}
