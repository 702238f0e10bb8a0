namespace BwpOrders.Domain.Events;

/// <summary>A committed event waiting in the outbox to be fanned out to its subscriptions.</summary>
/// <param name="Snapshot">The order document as of the event, for the events whose payload carries the order.</param>
public sealed record OutboxEvent(long Sequence, string TargetId, string OrderId, long OrderVersion, string EventType, string Resource, string OccurredAt, string? Snapshot);

/// <summary>A delivery to create for one subscription: its ids and the exact body to send.</summary>
public sealed record DeliveryPlan(string SubscriptionId, string EventType, string EventId, string IdempotencyKey, string Payload);

/// <summary>A filtered, id-ordered page of a target's deliveries (newest first), after <see cref="Before"/> if given.</summary>
public sealed record DeliveryQuery(string TargetId, string? SubscriptionId = null, string? State = null, string? OrderId = null, long? Before = null, int First = 50);

public sealed record EventBacklog(long UndispatchedEvents, long PendingDeliveries);

/// <summary>How an attempt went and what becomes of the delivery: its new state, and when it is tried next if PENDING.</summary>
public sealed record AttemptOutcome(Delivery Delivery, DeliveryAttempt Attempt, string State, DateTimeOffset? NextAttemptAt);

/// <summary>A key that signs webhook bodies (ECDSA P-384); published at /jwks.json until retired.</summary>
/// <param name="PrivateKey">PKCS#8; stored encrypted.</param>
public sealed record WebhookSigningKey(string Kid, byte[] PrivateKey, string CreatedAt, string? RetiredAt);

/// <summary>
/// Event subscriptions, auth profiles and the delivery of committed events: fan-out from the outbox into
/// deliveries, leased claims so that each delivery is sent by one process at a time, and the attempt log.
/// Secrets (auth configurations, signing keys) are stored encrypted.
/// </summary>
public interface IEventStore
{
    /// <summary>Adds a subscription: the same event type and destination twice → SubscriptionAlreadyExists;
    /// an EventBridge partner event source name already in use (by any target) → DestinationNameAlreadyExists.</summary>
    Task AddSubscriptionAsync(EventSubscription subscription, CancellationToken ct = default);

    /// <summary>A subscription by id, whichever target owns it (callers check the target).</summary>
    Task<EventSubscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken ct = default);

    /// <summary>Deletes the target's subscription and fails its pending deliveries; false when there is none.</summary>
    Task<bool> DeleteSubscriptionAsync(string targetId, string subscriptionId, string deletedAt, CancellationToken ct = default);

    /// <summary>The target's subscriptions in the order they were made, skipping the first <paramref name="skip"/>, and how many it has in all.</summary>
    Task<(IReadOnlyList<EventSubscription> Page, int Total)> ListSubscriptionsAsync(string targetId, int skip, int first, CancellationToken ct = default);

    /// <summary>Adds an auth profile; an id (alias id) the target already uses → <see cref="ErrorCodes.InvalidInput"/>.</summary>
    Task AddAuthProfileAsync(AuthProfile profile, CancellationToken ct = default);

    /// <summary>The target's auth profile by id (an alias id given at creation is the id).</summary>
    Task<AuthProfile?> FindAuthProfileAsync(string targetId, string idOrAliasId, CancellationToken ct = default);

    Task UpdateAuthProfileAsync(AuthProfile profile, CancellationToken ct = default);

    /// <summary>Deletes the target's auth profile; false when there is none.</summary>
    Task<bool> DeleteAuthProfileAsync(string targetId, string authProfileId, CancellationToken ct = default);

    /// <summary>
    /// Takes up to <paramref name="max"/> committed events not yet fanned out (each taken by one process), asks
    /// <paramref name="plan"/> for the deliveries of each given the subscriptions of its target, and stores them and
    /// marks the events done in one transaction. Returns how many events it took.
    /// </summary>
    Task<int> DispatchAsync(int max, Func<OutboxEvent, IReadOnlyList<EventSubscription>, Task<IReadOnlyList<DeliveryPlan>>> plan, CancellationToken ct = default);

    /// <summary>
    /// Leases up to <paramref name="max"/> pending deliveries that are due and not leased by a live worker, for
    /// <paramref name="lease"/>: until it ends no other worker takes them.
    /// </summary>
    Task<IReadOnlyList<Delivery>> ClaimDueAsync(string worker, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct = default);

    /// <summary>When the earliest pending delivery falls due (null: none is pending), so an idle worker knows how long to sleep.</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken ct = default);

    /// <summary>What waits, in every target: events not yet fanned out to subscriptions, and deliveries not yet delivered or failed.</summary>
    Task<EventBacklog> BacklogAsync(CancellationToken ct = default);

    /// <summary>
    /// Logs attempts and moves each delivery on (DELIVERED, FAILED, or PENDING until its next attempt), releasing
    /// the leases, all in one transaction.
    /// </summary>
    Task RecordAttemptsAsync(IReadOnlyList<AttemptOutcome> outcomes, CancellationToken ct = default);

    Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(DeliveryQuery query, CancellationToken ct = default);

    Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(IReadOnlyList<long> deliveryIds, CancellationToken ct = default);

    /// <summary>Sends a delivery of the target again (the same body), as soon as a worker is free; null when there is none.</summary>
    Task<Delivery?> RedeliverAsync(string targetId, long deliveryId, DateTimeOffset now, CancellationToken ct = default);

    Task<IReadOnlyList<WebhookSigningKey>> ListSigningKeysAsync(CancellationToken ct = default);

    Task AddSigningKeyAsync(WebhookSigningKey key, CancellationToken ct = default);

    /// <summary>Stops publishing and using a key; false when there is no such live key.</summary>
    Task<bool> RetireSigningKeyAsync(string kid, string retiredAt, CancellationToken ct = default);
}
