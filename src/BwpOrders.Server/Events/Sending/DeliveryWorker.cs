using BwpOrders.Domain;
using BwpOrders.Domain.Events;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// Sends due deliveries, up to <see cref="EventSettings.Concurrency"/> at once. Each is leased before it is sent,
/// so with several processes on one database each delivery goes out from one of them; a process that dies
/// mid-send leaves a lease that runs out, and the delivery is sent again (at least once). A failed attempt is
/// retried after the configured delays, with jitter; after the last one the delivery has failed.
/// </summary>
public sealed class DeliveryWorker(
    IEventStore store, WebhookSender webhooks, EventBridgeSender eventBridge, EventSettings settings, DeliverySignal signal, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private readonly string _worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly RetryPolicy _retries = settings.Retries();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(Math.Max(1, settings.Concurrency));
        var lease = settings.Timeout * 2 + TimeSpan.FromSeconds(30);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = slots.CurrentCount;
                var claimed = free == 0 ? [] : await store.ClaimDueAsync(_worker, DateTimeOffset.UtcNow, lease, free, stoppingToken);
                foreach (var delivery in claimed)
                {
                    await slots.WaitAsync(stoppingToken);
                    _ = Task.Run(async () =>
                    {
                        try { await SendAsync(delivery, stoppingToken); }
                        finally { slots.Release(); signal.Notify(); }
                    }, stoppingToken);
                }
                if (claimed.Count > 0 && slots.CurrentCount > 0) continue;
                await signal.WaitAsync(await IdleFor(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Claiming deliveries failed; retrying shortly");
                await Task.Delay(IdlePoll, stoppingToken);
            }
        }
    }

    /// <summary>Until the earliest pending delivery falls due, at most a second (deliveries other processes create are found by then).</summary>
    private async Task<TimeSpan> IdleFor(CancellationToken ct)
    {
        var due = await store.NextDueAsync(ct);
        if (due is null) return IdlePoll;
        var wait = due.Value - DateTimeOffset.UtcNow;
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : wait < IdlePoll ? wait : IdlePoll;
    }

    private async Task SendAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(settings.Timeout);
            var subscription = await store.FindSubscriptionAsync(delivery.SubscriptionId, stoppingToken);
            var result = subscription?.Destination switch
            {
                WebhookDestination webhook => await webhooks.SendAsync(subscription, webhook, delivery, deadline.Token),
                EventBridgeDestination bridge => await eventBridge.SendAsync(bridge, delivery, deadline.Token),
                _ => new SendResult(null, "the subscription was deleted", 0),
            };
            var now = DateTimeOffset.UtcNow;
            var attempt = new DeliveryAttempt(delivery.Id, delivery.Attempts + 1, Stamp(now), result.StatusCode, result.LatencyMs, result.Error);
            var retryIn = result.Succeeded || subscription is null ? null : _retries.NextDelay(delivery.Attempts + 1, Random.Shared);
            var state = result.Succeeded ? DeliveryStates.Delivered : retryIn is null ? DeliveryStates.Failed : DeliveryStates.Pending;
            await store.RecordAttemptAsync(delivery, attempt, state, retryIn is null ? null : now + retryIn, stoppingToken);
            if (state == DeliveryStates.Failed)
                logger.LogWarning("Delivery {Delivery} of {EventType} to subscription {Subscription} failed after {Attempts} attempts: {Error}",
                    delivery.Id, delivery.EventType, delivery.SubscriptionId, delivery.Attempts + 1, result.Error);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another worker (or the next start) sends it.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sending delivery {Delivery} failed unexpectedly; its lease will run out and it is sent again", delivery.Id);
        }
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
