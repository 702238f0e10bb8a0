namespace BwpOrders.Domain;

/// <summary>
/// A BwP event, recorded in the outbox in the same transaction as the change that caused it.
/// <paramref name="Resource"/> is BwP's resource path below the business product (<c>order/{id}/refund/{refundId}</c>);
/// storage prefixes it with <c>businessProduct/{targetId}/</c>. A catalog event (<c>items/{productId}</c>) belongs to
/// no order: its <paramref name="OrderId"/> is empty.
/// </summary>
public sealed record DomainEvent(string Type, string OrderId, string Resource, string OccurredAt)
{
    /// <summary>An event about a catalog product, raised by no order.</summary>
    public static DomainEvent OfCatalog(string type, string resource, string occurredAt) => new(type, "", resource, occurredAt);
}

/// <summary>BwP's event types, by their 2024-11-01 names (each version's own names: see the server's EventNames).</summary>
public static class EventTypes
{
    public const string OrderConfirmed = "ORDER_CONFIRMED";
    public const string PackageInTransit = "PACKAGE_DELIVERY_IN_TRANSIT";
    public const string PackageDelivered = "PACKAGE_DELIVERED";
    public const string PackageCancelled = "PACKAGE_DELIVERY_CANCELLED";
    public const string PackageTrackerMilestoneChanged = "PACKAGE_TRACKER_MILESTONE_CHANGED";
    public const string RefundRequested = "REFUND_REQUESTED";
    public const string RefundCompleted = "REFUND_COMPLETED";
    public const string ReturnStarted = "RETURN_STARTED";
    public const string ReturnPackageInTransit = "RETURN_PACKAGE_IN_TRANSIT";
    public const string ReturnPackageDelivered = "RETURN_PACKAGE_DELIVERED";
    public const string ReturnPackageDeliveryFailed = "RETURN_PACKAGE_DELIVERY_FAILED";
    public const string ReturnItemGraded = "RETURN_ITEM_GRADED";
    public const string ReturnCompleted = "RETURN_COMPLETED";
    public const string BuyabilityChanged = "BUYABILITY_CHANGED";
    public const string InventoryChanged = "INVENTORY_CHANGED";

    /// <summary>The events whose webhook payload carries the order (<c>data.order</c>), as BwP's event pages show.</summary>
    public static readonly IReadOnlySet<string> CarryingOrder = new HashSet<string> { OrderConfirmed, RefundRequested, RefundCompleted, ReturnCompleted };

    /// <summary>The events whose webhook payload carries the catalog product (<c>data.product</c>).</summary>
    public static readonly IReadOnlySet<string> CarryingProduct = new HashSet<string> { BuyabilityChanged };

    /// <summary>Every event type BwP documents (2024-11-01 names), including those this server never raises.</summary>
    public static readonly IReadOnlyList<string> Documented =
    [
        OrderConfirmed, PackageInTransit, PackageDelivered, PackageCancelled, PackageTrackerMilestoneChanged, RefundRequested, RefundCompleted,
        ReturnStarted, ReturnPackageInTransit, ReturnPackageDelivered, ReturnPackageDeliveryFailed, ReturnItemGraded, ReturnCompleted,
        BuyabilityChanged, InventoryChanged, "PERSONAL_DATA_DELETION_TASK_COMPLETED", "PERSONAL_DATA_DELETION_TASK_FAILED",
        "PERSONAL_DATA_RETRIEVAL_TASK_COMPLETED", "PERSONAL_DATA_RETRIEVAL_TASK_FAILED",
    ];
}

/// <summary>
/// Something BwP's side will do to an order later, on its target's simulated clock (a cancellation completing, a
/// package moving on). Stored with the change that scheduled it; run when the clock reaches <see cref="DueAt"/>.
/// </summary>
public sealed record ScheduledAction(string OrderId, DateTimeOffset DueAt, string Kind, string Subject);
