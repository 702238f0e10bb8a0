using System.Text.RegularExpressions;
using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Api.Tracking;

/// <summary>packageTracker's root resolver.</summary>
public static partial class TrackingOperations
{
    /// <summary>2024-11-01 <c>packageTracker(packageTrackerInput: {packageTrackerIdentifier})</c>.</summary>
    public static async Task<object?> Tracker(IResolveFieldContext ctx, RequestContext request)
    {
        var id = ctx.Argument("packageTrackerInput").Object("packageTrackerIdentifier");
        var trackingNumber = id.String("trackingNumber") ?? "";
        var carrier = id.String("carrierCode") ?? "";
        if (!TrackingNumber().IsMatch(trackingNumber))
            throw BwpException.Validation(ErrorCodes.InvalidTrackingNumber, "packageTrackerInput.packageTrackerIdentifier.trackingNumber: give the tracking number from the order (letters and digits).");
        if (!Domain.Rules.Tracking.Carriers.Contains(carrier))
            throw BwpException.Validation(ErrorCodes.InvalidCarrierCode,
                $"packageTrackerInput.packageTrackerIdentifier.carrierCode: give the carrier code from the order ({string.Join(", ", Domain.Rules.Tracking.Carriers.Order())}).");
        var tracker = await request.Orders.FindTrackerAsync(request.TargetId, carrier.ToLowerInvariant(), trackingNumber, ctx.CancellationToken);
        var now = await request.Clock.NowAsync(request.TargetId, ctx.CancellationToken);
        if (tracker is null || Domain.Rules.Tracking.IsExpired(tracker, now))
            throw BwpException.NotFound($"No package tracker {carrier} {trackingNumber}, or it has expired (trackers expire 90 days after their last milestone).");
        return tracker;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex TrackingNumber();
}
