using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>BwP's rules for looking a package tracker up: which carriers exist, and when a tracker expires.</summary>
public static class Tracking
{
    /// <summary>Carriers a tracking request may name; the sandbox ships with amzn_us and takes returns back with ups.</summary>
    public static readonly IReadOnlySet<string> Carriers = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { Fulfillment.CarrierCode, ShopperReturns.ReturnCarrierCode, "usps", "fedex", "dhl", "ontrac" };

    /// <summary>BwP: tracking numbers are created by the carriers and expire after 90 days.</summary>
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromDays(90);

    /// <summary>A tracker is gone once <see cref="ExpiresAfter"/> has passed since its last milestone.</summary>
    public static bool IsExpired(PackageTracker tracker, DateTimeOffset now) =>
        tracker.LatestMilestone is { } last && Timestamps.Parse(last.OccurredAt) + ExpiresAfter < now;
}
