using BwpOrders.Domain.Events;
using Prometheus;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// <c>/metrics</c> gauges of what waits to be sent, across all targets and processes (read from the store at each
/// scrape): events recorded but not yet fanned out (the outbox's depth) and deliveries still pending. A depth that
/// keeps growing means delivery does not keep up, or no process delivers (<c>Events__Deliver=false</c> everywhere).
/// </summary>
public static class EventBacklogGauges
{
    /// <summary>A scrape waits this long for the counts at most; it then shows the last ones read.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    public static void Register(IServiceProvider services)
    {
        var registry = services.GetRequiredService<CollectorRegistry>();
        var events = services.GetRequiredService<IEventStore>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventBacklogGauges));
        var factory = Metrics.WithCustomRegistry(registry);
        var outbox = factory.CreateGauge("bwp_event_outbox_depth", "Events recorded with their orders but not yet fanned out to subscriptions.");
        var pending = factory.CreateGauge("bwp_event_deliveries_pending", "Deliveries not yet delivered or failed (waiting for their first attempt or a retry).");
        registry.AddBeforeCollectCallback(async ct =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ReadTimeout);
            try
            {
                var backlog = await events.BacklogAsync(timeout.Token);
                outbox.Set(backlog.UndispatchedEvents);
                pending.Set(backlog.PendingDeliveries);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The store is out of reach: the scrape still answers, with the last counts read.
                logger.LogWarning("The event backlog could not be read for /metrics: {Error}", e.GetType().Name);
            }
        });
    }
}
