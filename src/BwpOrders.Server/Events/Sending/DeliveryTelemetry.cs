using BwpOrders.Domain;
using BwpOrders.Domain.Events;
using Prometheus;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// Per delivery attempt: a log line (delivery, event type, subscription, attempt, status; never the destination, which
/// names the merchant's host) and Prometheus counters of attempts by destination kind and outcome, the attempts'
/// latency and the lag from an event's fan-out to its delivery.
/// </summary>
public sealed class DeliveryTelemetry
{
    private readonly Counter _attempts;
    private readonly Histogram _latency;
    private readonly Histogram _lag;
    private readonly ILogger<DeliveryTelemetry> _logger;

    public DeliveryTelemetry(CollectorRegistry registry, ILogger<DeliveryTelemetry> logger)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _attempts = factory.CreateCounter("bwp_event_delivery_attempts_total",
            "Event delivery attempts by destination (webhook, eventbridge, none) and outcome (delivered, retrying, failed: no retries left).",
            "destination", "outcome");
        _latency = factory.CreateHistogram("bwp_event_delivery_attempt_duration_seconds", "Time an attempt took, by destination.",
            new HistogramConfiguration { LabelNames = ["destination"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 13) });
        _lag = factory.CreateHistogram("bwp_event_delivery_lag_seconds", "From an event's fan-out to its successful delivery, retries included.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.01, 4, 12) });
        _logger = logger;
    }

    public void Attempted(Delivery delivery, string destination, DeliveryAttempt attempt, string state, DateTimeOffset now)
    {
        var outcome = state switch { DeliveryStates.Delivered => "delivered", DeliveryStates.Failed => "failed", _ => "retrying" };
        _attempts.WithLabels(destination, outcome).Inc();
        _latency.WithLabels(destination).Observe(attempt.LatencyMs / 1000.0);
        if (state == DeliveryStates.Delivered) _lag.Observe(Math.Max(0, (now - Timestamps.Parse(delivery.CreatedAt)).TotalSeconds));
        // Without the error: it can name the merchant's host; the delivery log (control API) has it for them.
        _logger.Log(state == DeliveryStates.Failed ? LogLevel.Warning : LogLevel.Information,
            "Delivery {Delivery} of {EventType} to subscription {Subscription}: attempt {Attempt} {Outcome} (status {Status}, {LatencyMs} ms)",
            delivery.Id, delivery.EventType, delivery.SubscriptionId, attempt.Number, outcome, attempt.StatusCode, attempt.LatencyMs);
    }
}
