namespace BwpOrders.Domain;

/// <summary>
/// A fact recorded in the outbox in the same transaction as the change that caused it.
/// <paramref name="Resource"/> follows BwP's resource paths (<c>order/{id}/refund/{refundId}</c>).
/// </summary>
public sealed record DomainEvent(string Type, string OrderId, string Resource, string OccurredAt);

public static class EventTypes
{
    public const string OrderCreated = "ORDER_CREATED";
    public const string OrderUpdated = "ORDER_UPDATED";
    public const string FulfillmentStarted = "FULFILLMENT_STARTED";
    public const string RefundCreated = "REFUND_CREATED";
    public const string RefundUpdated = "REFUND_UPDATED";
    public const string RefundCompleted = "REFUND_COMPLETED";
    public const string RefundRejected = "REFUND_REJECTED";
    public const string ReturnCreated = "RETURN_CREATED";
    public const string ReturnUpdated = "RETURN_UPDATED";
    public const string ReturnCancelled = "RETURN_CANCELLED";
    public const string ReturnCompleted = "RETURN_COMPLETED";
}
