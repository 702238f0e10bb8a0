using System.Threading.Channels;
using BwpOrders.Domain;
using BwpOrders.Domain.Events;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// Sends due deliveries, up to <see cref="EventSettings.Concurrency"/> at once. Each is leased before it is sent,
/// so with several processes on one database each delivery goes out from one of them; a process that dies
/// mid-send leaves a lease that runs out, and the delivery is sent again (at least once). A failed attempt is
/// retried after the configured delays, with jitter; after the last one the delivery has failed. Outcomes are
/// recorded together, one transaction for all that finished meanwhile, so the log costs one commit per batch.
/// </summary>
public sealed class DeliveryWorker(
    IEventStore store, WebhookSender webhooks, EventBridgeSender eventBridge, EventSettings settings, DeliverySignal signal, TimeProvider clock,
    Faults.FaultRules faults, TargetStateEvents stateEvents, DeliveryTelemetry telemetry, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    private const int MaxRecordBatch = 500;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private readonly string _worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly RetryPolicy _retries = settings.Retries();
    private readonly Channel<AttemptOutcome> _outcomes = Channel.CreateUnbounded<AttemptOutcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _slots = new(Math.Max(1, settings.Concurrency));
    // Many deliveries of one subscription read it (and decrypt its secrets) once; a change is seen within 2 s.
    private readonly ExpiringCache<string, EventSubscription?> _subscriptions = new(clock, TimeSpan.FromSeconds(2));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stateEvents.Replaced += _ => _subscriptions.Clear(); // a reset or restore removes or brings back subscriptions
        var recorder = RecordAsync(stoppingToken);
        var lease = settings.Timeout * 2 + TimeSpan.FromSeconds(30);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = _slots.CurrentCount;
                var claimed = free == 0 ? [] : await store.ClaimDueAsync(_worker, clock.GetUtcNow(), lease, free, stoppingToken);
                foreach (var delivery in claimed)
                {
                    await _slots.WaitAsync(stoppingToken);
                    _ = Task.Run(() => SendAsync(delivery, stoppingToken), stoppingToken);
                }
                if (claimed.Count > 0 && _slots.CurrentCount > 0) continue;
                await signal.WaitAsync(await IdleFor(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Claiming deliveries failed; retrying shortly");
                await Task.Delay(IdlePoll, stoppingToken);
            }
        }
        await recorder;
    }

    /// <summary>Until the earliest pending delivery falls due, at most a second (deliveries other processes create are found by then).</summary>
    private async Task<TimeSpan> IdleFor(CancellationToken ct)
    {
        var due = await store.NextDueAsync(ct);
        if (due is null) return IdlePoll;
        var wait = due.Value - clock.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(10) : wait < IdlePoll ? wait : IdlePoll;
    }

    private async Task SendAsync(Delivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var subscription = await _subscriptions.GetAsync(delivery.SubscriptionId, () => store.FindSubscriptionAsync(delivery.SubscriptionId, stoppingToken));
            // Whatever happens while sending is an attempt, recorded and retried on the schedule.
            var result = subscription is not null && faults.FireForDelivery(subscription.TargetId, delivery.SubscriptionId, delivery.Id) is { } fault
                ? Faulted(fault, delivery)
                : await SendToAsync(subscription, delivery, stoppingToken);
            var now = clock.GetUtcNow();
            var attempt = new DeliveryAttempt(delivery.Id, delivery.Attempts + 1, Timestamps.Format(now), result.StatusCode, result.LatencyMs, result.Error);
            var retryIn = result.Succeeded || subscription is null ? null : _retries.NextDelay(delivery.Attempts + 1, Random.Shared);
            var state = result.Succeeded ? DeliveryStates.Delivered : retryIn is null ? DeliveryStates.Failed : DeliveryStates.Pending;
            _outcomes.Writer.TryWrite(new AttemptOutcome(delivery, attempt, state, retryIn is null ? null : now + retryIn));
            telemetry.Attempted(delivery, subscription?.Destination switch { WebhookDestination => "webhook", EventBridgeDestination => "eventbridge", _ => "none" },
                attempt, state, now);
            return; // the recorder frees the slot once the outcome is stored
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the lease runs out and another worker (or the next start) sends it.
        }
        catch (Exception e)
        {
            // Not the endpoint's doing (the senders answer every failure of theirs as an attempt): looking up the
            // subscription failed, so nothing of the merchant's configuration is in the exception.
            logger.LogError(e, "Delivery {Delivery} could not be sent; its lease will run out and it is sent again", delivery.Id);
        }
        _slots.Release();
    }

    private Task<SendResult> SendToAsync(EventSubscription? subscription, Delivery delivery, CancellationToken stoppingToken) => subscription?.Destination switch
    {
        WebhookDestination webhook => webhooks.SendAsync(subscription, webhook, delivery, settings.Timeout, stoppingToken),
        EventBridgeDestination bridge => eventBridge.SendAsync(bridge, delivery, settings.Timeout, stoppingToken),
        _ => Task.FromResult(new SendResult(null, "the subscription was deleted", 0)),
    };

    /// <summary>An injected delivery fault: an attempt that fails as if the endpoint had answered 500, without sending.</summary>
    private SendResult Faulted(Faults.FiredFault fault, Delivery delivery)
    {
        logger.LogInformation("Fault {FaultId} injected into delivery {Delivery}: {Kind}", fault.RuleId, delivery.Id, fault.Spec.Kind);
        return new SendResult(500, $"the endpoint answered 500 (injected by fault {fault.RuleId}; nothing was sent)", 0);
    }

    /// <summary>Stores outcomes as they come, all that are waiting in one transaction; a slot frees only once its outcome is stored.</summary>
    private async Task RecordAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AttemptOutcome>();
        try
        {
            while (await _outcomes.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxRecordBatch && _outcomes.Reader.TryRead(out var outcome)) batch.Add(outcome);
                try
                {
                    await store.RecordAttemptsAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Recording {Count} delivery attempts failed; retrying", batch.Count);
                    await Task.Delay(IdlePoll, stoppingToken);
                    continue;
                }
                _slots.Release(batch.Count);
                batch.Clear();
                signal.Notify();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Unrecorded outcomes are sent again once their leases run out: at least once.
        }
    }
}
