using BwpOrders.Domain;

namespace BwpOrders.Storage.Relational;

/// <summary>An event's row in the outbox, written in the transaction of the change that caused it.</summary>
internal static class OutboxRows
{
    /// <param name="orderVersion">The order's version the event belongs to (0 for a catalog event, which belongs to no order).</param>
    /// <param name="snapshot">The document the event's payload is rendered from, for the events whose payload carries one.</param>
    public static Statement Insert(string targetId, DomainEvent e, long orderVersion, string? snapshot) => new(
        "INSERT INTO outbox (target_id, order_id, order_version, event_type, resource, occurred_at, snapshot) VALUES (@t, @o, @v, @e, @r, @at, @s)",
        ("@t", targetId), ("@o", e.OrderId), ("@v", orderVersion), ("@e", e.Type), ("@r", $"businessProduct/{targetId}/{e.Resource}"), ("@at", e.OccurredAt),
        ("@s", (object?)snapshot ?? DBNull.Value));
}
