using BwpOrders.Domain;
using BwpOrders.Domain.Events;

namespace BwpOrders.Server.Events.Sending;

/// <summary>Wakes the delivery worker when deliveries were created or released for sending.</summary>
public sealed class DeliverySignal : WakeSignal;

/// <summary>
/// Fans committed events out into deliveries, one per matching subscription, at once when this process commits
/// events and every second for those committed elsewhere. An event committed before a crash is still in the
/// outbox afterwards, so it is fanned out on the next start: nothing committed is lost.
/// </summary>
public sealed class OutboxDispatcher(IEventStore store, EventPayloads payloads, EventSignal committed, DeliverySignal deliveries, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private const int Batch = 500;
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await store.DispatchAsync(Batch, (e, subscriptions) => payloads.PlanAsync(e, subscriptions, stoppingToken), stoppingToken);
                if (taken > 0)
                {
                    deliveries.Notify();
                    continue;
                }
                await committed.WaitAsync(PollEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Fanning out events failed; retrying shortly");
                await Task.Delay(PollEvery, stoppingToken);
            }
        }
    }
}
