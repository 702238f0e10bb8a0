using System.Text.RegularExpressions;
using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Versions;

/// <summary>Root resolvers of the operations where BwP's side acts, shared by the versions that document them.</summary>
public static partial class AmazonSideOperations
{
    /// <summary>Carriers a tracking request may name; the sandbox ships with amzn_us and takes returns back with ups.</summary>
    private static readonly HashSet<string> Carriers = new(StringComparer.OrdinalIgnoreCase)
        { Fulfillment.CarrierCode, ShopperReturns.ReturnCarrierCode, "usps", "fedex", "dhl", "ontrac" };

    /// <summary>BwP: tracking numbers are created by the carriers and expire after 90 days.</summary>
    private static readonly TimeSpan TrackingExpiresAfter = TimeSpan.FromDays(90);

    /// <summary>2024-11-01 <c>cancelOrder(orderIdentifier:, input:)</c>; <c>input</c> is optional.</summary>
    public static async Task<object?> Cancel(IResolveFieldContext ctx, RequestContext request)
    {
        var lookup = CommandMapper.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
        return new { Cancellation = await request.Orders.CancelAsync(request.TargetId, AmazonSideMapper.Cancel(lookup, ctx.Argument("input")), ctx.CancellationToken) };
    }

    /// <summary>2024-04-01 <c>cancelOrder(input: {orderIdentifier, ...})</c>.</summary>
    public static async Task<object?> CancelByInput(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var lookup = CommandMapper.Lookup(input.Object("orderIdentifier"), "input.orderIdentifier");
        return new { Cancellation = await request.Orders.CancelAsync(request.TargetId, AmazonSideMapper.Cancel(lookup, input), ctx.CancellationToken) };
    }

    /// <summary>2024-11-01 sandbox <c>updateOrderPackageInformation(orderIdentifier:, input:)</c>.</summary>
    public static async Task<object?> MovePackages(IResolveFieldContext ctx, RequestContext request)
    {
        var lookup = CommandMapper.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
        return new OrderResponse(await request.Orders.MovePackagesAsync(request.TargetId, lookup, AmazonSideMapper.PackageMoves(ctx.Argument("input")),
            "input.packageInformation.details", "updateOrderPackageInformation", ctx.CancellationToken));
    }

    /// <summary>2024-01-01 sandbox <c>updateOrderDeliveryInformation(input: {orderId, details})</c>.</summary>
    public static async Task<object?> MoveDeliveries(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        return new OrderResponse(await request.Orders.MovePackagesAsync(request.TargetId, new OrderLookup(IdOrAliasId: input.String("orderId")),
            AmazonSideMapper.PackageMoves(input), "input.details", "updateOrderDeliveryInformation", ctx.CancellationToken));
    }

    /// <summary>Sandbox <c>updateOrderReturns</c>: 2024-11-01 (orderIdentifier:, input: {returns}) or 2024-01-01 (input: {orderId, details}).</summary>
    public static async Task<object?> MoveReturns(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var identifier = ctx.Argument("orderIdentifier");
        var (lookup, path) = identifier.IsNull
            ? (new OrderLookup(IdOrAliasId: input.String("orderId")), "input.details")
            : (CommandMapper.Lookup(identifier, "orderIdentifier"), "input.returns.details");
        return new OrderResponse(await request.Orders.MoveReturnsAsync(request.TargetId, lookup, AmazonSideMapper.ReturnMoves(input), path, ctx.CancellationToken));
    }

    /// <summary>2024-11-01 <c>createReturn(orderIdentifier:, input:)</c>: a DRAFT return, or submitted at once with STARTED.</summary>
    public static async Task<object?> CreateReturn(IResolveFieldContext ctx, RequestContext request)
    {
        var lookup = CommandMapper.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
        return new { ReturnDetails = await request.Orders.StartReturnAsync(request.TargetId, AmazonSideMapper.CreateReturn(lookup, ctx.Argument("input")),
            "createReturn", "input.returnLineItems", ctx.CancellationToken) };
    }

    /// <summary>2024-11-01 <c>updateReturn(input:, returnIdentifier:)</c>.</summary>
    public static async Task<object?> UpdateReturn(IResolveFieldContext ctx, RequestContext request) =>
        new { ReturnDetails = await request.Orders.UpdateReturnAsync(request.TargetId,
            AmazonSideMapper.UpdateReturn(ctx.Argument("input"), ctx.Argument("returnIdentifier")), ctx.CancellationToken) };

    /// <summary>2024-11-01 <c>packageTracker(packageTrackerInput: {packageTrackerIdentifier})</c>.</summary>
    public static async Task<object?> Tracker(IResolveFieldContext ctx, RequestContext request)
    {
        var id = ctx.Argument("packageTrackerInput").Object("packageTrackerIdentifier");
        var trackingNumber = id.String("trackingNumber") ?? "";
        var carrier = id.String("carrierCode") ?? "";
        if (!TrackingNumber().IsMatch(trackingNumber))
            throw BwpException.Validation(ErrorCodes.InvalidTrackingNumber, "packageTrackerInput.packageTrackerIdentifier.trackingNumber: give the tracking number from the order (letters and digits).");
        if (!Carriers.Contains(carrier))
            throw BwpException.Validation(ErrorCodes.InvalidCarrierCode,
                $"packageTrackerInput.packageTrackerIdentifier.carrierCode: give the carrier code from the order ({string.Join(", ", Carriers.Order())}).");
        var tracker = await request.Orders.FindTrackerAsync(request.TargetId, carrier.ToLowerInvariant(), trackingNumber, ctx.CancellationToken);
        var now = await request.Clock.NowAsync(request.TargetId, ctx.CancellationToken);
        if (tracker is null || tracker.LatestMilestone is { } last && Timestamps.Parse(last.OccurredAt) + TrackingExpiresAfter < now)
            throw BwpException.NotFound($"No package tracker {carrier} {trackingNumber}, or it has expired (trackers expire 90 days after their last milestone).");
        return tracker;
    }

    /// <summary>2024-11-01 <c>return(input:)</c> (also <c>returnIdentifier:</c>, as one edition of the page names it).</summary>
    public static async Task<object?> Return(IResolveFieldContext ctx, RequestContext request)
    {
        var byInput = ctx.Argument("input");
        var byIdentifier = ctx.Argument("returnIdentifier");
        if (byInput.IsNull == byIdentifier.IsNull)
            throw BwpException.Validation(ErrorCodes.InvalidInput, byInput.IsNull
                ? "return: identify the return, as return(input: {id: \"...\"}) (or returnIdentifier: {id: \"...\"})."
                : "return: identify the return once, as input: {id: \"...\"} or returnIdentifier: {id: \"...\"}, not both.");
        var identifier = byInput.IsNull ? byIdentifier : byInput;
        var returnId = identifier.String("id")
            ?? throw BwpException.Validation(ErrorCodes.InvalidInput, "return: identify the return by its id (input: {id: \"...\"}); order-scoped return aliases are looked up through the order query.");
        var found = await request.Orders.FindReturnAsync(request.TargetId, returnId, ctx.CancellationToken)
            ?? throw BwpException.NotFound($"No return found with id '{returnId}'.");
        return new { ReturnDetails = found.Return };
    }

    /// <summary><c>reversalOffers</c> (2024-04-01, 2024-11-01) and <c>generateReversalOffers</c> (2024-01-01).</summary>
    public static async Task<object?> ReversalOffers(IResolveFieldContext ctx, RequestContext request) =>
        await request.Orders.ReversalOffersAsync(request.TargetId, AmazonSideMapper.ReversalItems(ctx.Argument("reversalOffersInput")), ctx.CancellationToken);

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex TrackingNumber();
}
