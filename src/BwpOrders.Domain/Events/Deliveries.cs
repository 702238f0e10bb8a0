namespace BwpOrders.Domain.Events;

/// <summary>
/// One event on its way to one subscription: the exact bytes to send (frozen when the event was fanned out, so
/// every attempt and redelivery carries the same idempotencyKey, eventId and signature), and where it stands.
/// </summary>
public sealed record Delivery(
    long Id, string TargetId, string SubscriptionId, string OrderId, long Sequence, string EventType, string EventId,
    string IdempotencyKey, string Payload, string State, int Attempts, DateTimeOffset NextAttemptAt, int? LastStatusCode,
    string? LastError, string CreatedAt, string? DeliveredAt);

/// <summary>One try at sending a delivery: when, the answer (or none) and how long it took.</summary>
public sealed record DeliveryAttempt(long DeliveryId, int Number, string At, int? StatusCode, long LatencyMs, string? Error);

public static class DeliveryStates
{
    public const string Pending = "PENDING";
    public const string Delivered = "DELIVERED";
    public const string Failed = "FAILED";

    public static readonly string[] All = [Pending, Delivered, Failed];
}

/// <summary>
/// When a failed delivery is tried again: after each delay in turn (the attempts after the first), each spread by
/// up to ±20% so that many failures do not retry in lockstep; after the last, the delivery has failed.
/// </summary>
public sealed class RetryPolicy(IReadOnlyList<TimeSpan> delays)
{
    public IReadOnlyList<TimeSpan> Delays { get; } = delays;

    public int MaxAttempts => Delays.Count + 1;

    /// <returns>The delay before the next attempt after <paramref name="attemptsMade"/> failed ones, or null when none is left.</returns>
    public TimeSpan? NextDelay(int attemptsMade, Random random)
    {
        if (attemptsMade < 1 || attemptsMade > Delays.Count) return null;
        var delay = Delays[attemptsMade - 1];
        return delay * (0.8 + 0.4 * random.NextDouble());
    }

    /// <summary>Parses <c>1s,5s,30s,5m,1h</c> (units ms, s, m, h, d).</summary>
    public static RetryPolicy Parse(string text)
    {
        var delays = new List<TimeSpan>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var unit = part.EndsWith("ms") ? "ms" : part[^1..];
            var number = part[..^unit.Length];
            if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 0)
                throw new ArgumentException($"Events:RetryDelays: '{part}' is not a duration such as 500ms, 5s, 2m, 1h or 1d.");
            delays.Add(unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                "h" => TimeSpan.FromHours(value),
                "d" => TimeSpan.FromDays(value),
                _ => throw new ArgumentException($"Events:RetryDelays: '{part}' needs a unit: ms, s, m, h or d."),
            });
        }
        if (delays.Count > 50) throw new ArgumentException("Events:RetryDelays: at most 50 retries.");
        return new RetryPolicy(delays);
    }
}
