using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Control;

/// <summary>
/// BwP's event names per API version. Events are stored by their 2024-11-01 names; 2024-01-01 and 2024-04-01 use
/// the older delivery names and have no ORDER_CONFIRMED, REFUND_COMPLETED or tracker milestones.
/// </summary>
public static class EventNames
{
    private static readonly IReadOnlyDictionary<string, string> Before2024_11_01 = new Dictionary<string, string>
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
    };

    /// <returns>The event's name in <paramref name="version"/>, or null when that version has no such event.</returns>
    public static string? In(string version, string eventType) =>
        version == ApiSchemas.V2024_11_01 ? eventType : Before2024_11_01.GetValueOrDefault(eventType);
}
