using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain;

/// <summary>An order as stored, with the version its next write must match (optimistic concurrency).</summary>
public sealed record StoredOrder(Order Order, long Version);

/// <summary>A recorded domain event as read back from the outbox.</summary>
public sealed record OutboxEntry(long Sequence, string TargetId, string OrderId, long OrderVersion, string EventType, string Resource, string OccurredAt);

/// <summary>
/// Persistence of order aggregates, scoped by target (tenant). Every write is one durable transaction that
/// stores the order document, its alias index and its events together.
/// </summary>
public interface IOrderStore
{
    /// <summary>Creates or upgrades the schema. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    Task<StoredOrder?> FindAsync(string targetId, OrderLookup lookup, CancellationToken ct = default);

    /// <summary>Inserts a new order; an alias already used in the target → <see cref="ErrorCodes.AliasValueAlreadyExists"/>.</summary>
    Task InsertAsync(string targetId, Order order, IReadOnlyList<DomainEvent> events, CancellationToken ct = default);

    /// <summary>Replaces the order if it is still at <paramref name="expectedVersion"/>; false when another write won.</summary>
    Task<bool> TryUpdateAsync(string targetId, Order order, long expectedVersion, IReadOnlyList<DomainEvent> events, CancellationToken ct = default);

    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string targetId, string orderId, CancellationToken ct = default);

    /// <summary>Cheap reachability check for readiness probes.</summary>
    Task<bool> PingAsync(CancellationToken ct = default);
}
