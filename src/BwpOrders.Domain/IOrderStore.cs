using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain;

/// <summary>An order as stored, with its version (the number of writes it has had).</summary>
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

    /// <summary>
    /// Reads the order under a write lock held until commit, applies <paramref name="apply"/> to it and stores the
    /// result with its events, all in one transaction: concurrent writers to one order, in any number of processes,
    /// queue instead of racing, so none loses a change and none has to retry. <paramref name="apply"/> must not do
    /// I/O; it returns null when the order would stay as it is (nothing is written), and may throw
    /// <see cref="BwpException"/> (nothing is written).
    /// </summary>
    /// <returns>The order as stored after the call, or null when the target has no such order.</returns>
    Task<Order?> UpdateAsync(string targetId, OrderLookup lookup, Func<Order, Change?> apply, CancellationToken ct = default);

    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string targetId, string orderId, CancellationToken ct = default);

    /// <summary>Cheap reachability check for readiness probes.</summary>
    Task<bool> PingAsync(CancellationToken ct = default);
}
