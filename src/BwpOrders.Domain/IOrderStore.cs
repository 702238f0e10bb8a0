using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain;

/// <summary>An order as stored, with its version (the number of writes it has had).</summary>
public sealed record StoredOrder(Order Order, long Version);

/// <summary>A recorded BwP event as read back from the outbox (resource: <c>businessProduct/{target}/order/...</c>).</summary>
public sealed record OutboxEntry(long Sequence, string TargetId, string OrderId, long OrderVersion, string EventType, string Resource, string OccurredAt);

/// <summary>One committed change of an order: its version, when (on the target's clock) and which operation made it.</summary>
public sealed record OrderChangeEntry(long Version, string OccurredAt, string Operation);

/// <summary>A scheduled action waiting in storage, with its id (to run it exactly once) and target.</summary>
public sealed record PendingAction(long Id, string TargetId, ScheduledAction Action);

/// <summary>
/// Persistence of order aggregates, scoped by target (tenant). Every write is one durable transaction that stores
/// the order document, its alias and tracker index, its BwP events (outbox), the actions it scheduled and a line
/// of its change log.
/// </summary>
public interface IOrderStore
{
    /// <summary>Creates or upgrades the schema. Safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    /// <summary>
    /// The order as stored now. Readers of the same version may be handed the same instance, so the caller must not
    /// change it: changes go through <see cref="UpdateAsync"/>, which gives its function an order of its own.
    /// </summary>
    Task<StoredOrder?> FindAsync(string targetId, OrderLookup lookup, CancellationToken ct = default);

    /// <summary>Inserts a new order; an alias already used in the target → <see cref="ErrorCodes.AliasValueAlreadyExists"/>.</summary>
    Task InsertAsync(string targetId, Change change, CancellationToken ct = default);

    /// <summary>
    /// Applies <paramref name="apply"/> to the latest version of the order and stores the result with its events in
    /// one transaction, durable before this returns. Concurrent writers to one order, in any number of processes,
    /// never lose a change and never see a conflict error: the store applies the change to the version it read and
    /// stores it only if that is still the latest, otherwise reads the order again under its write lock and applies
    /// the change again. So <paramref name="apply"/> may run more than once and must not do I/O; what it captures is
    /// set by its last run, the one stored. It returns null when the order would stay as it is (nothing is written),
    /// and may throw <see cref="BwpException"/> (nothing is written).
    /// </summary>
    /// <returns>The order as stored after the call, or null when the target has no such order.</returns>
    Task<Order?> UpdateAsync(string targetId, OrderLookup lookup, Func<Order, Change?> apply, CancellationToken ct = default);

    /// <summary>
    /// Runs a scheduled action exactly once: removes it and applies it to its order in one transaction.
    /// </summary>
    /// <returns>False when another process ran it first (or its order is gone).</returns>
    Task<bool> RunScheduledAsync(PendingAction action, Func<Order, Change?> apply, CancellationToken ct = default);

    Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string targetId, string orderId, CancellationToken ct = default);

    Task<IReadOnlyList<OrderChangeEntry>> ReadChangesAsync(string targetId, string orderId, CancellationToken ct = default);

    /// <summary>The order whose package a carrier tracks under this number, within the target.</summary>
    Task<string?> FindOrderByTrackerAsync(string targetId, string carrierCode, string trackingNumber, CancellationToken ct = default);

    /// <summary>The order a return belongs to, within the target.</summary>
    Task<string?> FindOrderByReturnAsync(string targetId, string returnId, CancellationToken ct = default);

    /// <summary>Whether the target has sold this SKU (null: never), and whether it is returnable through BwP.</summary>
    Task<bool?> FindCatalogItemAsync(string targetId, string sku, CancellationToken ct = default);

    /// <summary>A page of the target's orders matching every filter of <paramref name="search"/>, newest first; read from indexes, never a scan.</summary>
    Task<SearchPage<OrderSummary>> SearchOrdersAsync(string targetId, OrderSearch search, CancellationToken ct = default);

    /// <summary>A page of the target's returns matching every filter of <paramref name="search"/>, newest first.</summary>
    Task<SearchPage<ReturnSummary>> SearchReturnsAsync(string targetId, ReturnSearch search, CancellationToken ct = default);

    /// <summary>Cheap reachability check for readiness probes.</summary>
    Task<bool> PingAsync(CancellationToken ct = default);
}

/// <summary>Each target's simulated clock (real time plus an offset the target advances) and what falls due on it.</summary>
public interface IClockStore
{
    Task<TimeSpan> OffsetAsync(string targetId, CancellationToken ct = default);

    /// <returns>The target's new offset.</returns>
    Task<TimeSpan> AdvanceAsync(string targetId, TimeSpan by, CancellationToken ct = default);

    /// <summary>Scheduled actions due at <paramref name="realNow"/> on their target's clock (one target's, or all), earliest first.</summary>
    Task<IReadOnlyList<PendingAction>> DueAsync(DateTimeOffset realNow, string? targetId, int max, CancellationToken ct = default);
}
