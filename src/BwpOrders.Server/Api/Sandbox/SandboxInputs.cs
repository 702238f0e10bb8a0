using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.Sandbox;

/// <summary>The sandbox mutations' inputs (2024-11-01 and 2024-01-01 field names) as domain commands.</summary>
public static class SandboxInputs
{
    /// <summary>updateOrderPackageInformation: <c>input.packageInformation.details[i].packageState...</c>.</summary>
    public static InputPaths PackageInformationPaths { get; } = new("input",
        ("packages", "packageInformation.details"), ("packages.tracker", "packageState.packageTrackerState"),
        ("packages.amounts", "packageState.packageInformationState.packageInformationDetailsFor.orderLineItemAmounts"));

    /// <summary>updateOrderDeliveryInformation: <c>input.details[i].deliveryInformationDetailsFor.orderLineItems</c>.</summary>
    public static InputPaths DeliveryInformationPaths { get; } = new("input",
        ("packages", "details"), ("packages.amounts", "deliveryInformationDetailsFor.orderLineItems"));

    /// <summary>updateOrderReturns(orderIdentifier:, input: {returns: {details}}).</summary>
    public static InputPaths ReturnStatePaths { get; } = new("input",
        ("returns", "returns.details"), ("returns.returnId", "returnIdentifier"), ("returns.returnPackages", "returnPackageDetails"));

    /// <summary>updateOrderReturns(input: {orderId, details}).</summary>
    public static InputPaths ReturnDetailsPaths { get; } = new("input", ("returns", "details"), ("returns.returnId", "id"));

    /// <summary>2024-11-01 <c>packageInformation.details</c> and 2024-01-01 <c>details</c> of the package sandbox mutations.</summary>
    public static List<PackageMoveCommand> PackageMoves(Input input) =>
        (input.Object("packageInformation").List("details") ?? input.List("details") ?? []).Select(PackageMove).ToList();

    private static PackageMoveCommand PackageMove(Input detail)
    {
        var state = detail.Object("packageState").Object("packageInformationState");
        if (state.IsNull) state = detail.Object("deliveryInformationState");
        var amounts = detail.Object("packageState").Object("packageInformationState").Object("packageInformationDetailsFor").List("orderLineItemAmounts", OrderInputs.AmountOfLineItem)
            ?? detail.Object("deliveryInformationDetailsFor").List("orderLineItems", OrderInputs.AmountOfLineItem);
        var tracker = detail.Object("packageState").Object("packageTrackerState");
        return new PackageMoveCommand
        {
            PackageId = detail.String("id") ?? "",
            State = state.String("state"),
            Reason = state.String("reason"),
            Amounts = amounts,
            Tracker = tracker.IsNull ? null : new TrackerMilestonePatch
            {
                TrackingNumber = tracker.Object("packageTrackerIdentifier").String("trackingNumber"),
                CarrierCode = tracker.Object("packageTrackerIdentifier").String("carrierCode"),
                Code = tracker.Object("milestone").String("code") ?? "",
            },
        };
    }

    /// <summary>2024-11-01 <c>returns.details</c> (return packages, gradings) and 2024-01-01 <c>details</c> (CREATED → COMPLETED).</summary>
    public static List<ReturnMoveCommand> ReturnMoves(Input input)
    {
        if (input.Object("returns").List("details") is { } details)
            return details.Select(d => new ReturnMoveCommand
            {
                ReturnId = d.Object("returnIdentifier").String("id") ?? d.Object("returnIdentifier").Object("alias").String("aliasId") ?? "",
                Packages = d.List("returnPackageDetails", p => (p.String("id") ?? "", p.String("state") ?? "", p.String("reason"))) ?? [],
                Gradings = d.List("returnLineItems", l => (l.String("id") ?? "",
                    l.Object("grading").List("unitWiseCondition", u => new GradedUnits(u.String("condition") ?? "", OrderInputs.Amount(u.Object("amount")))) ?? [])) ?? [],
            }).ToList();
        return (input.List("details") ?? []).Select((d, i) => d.Object("returnDetailsState").String("state") == ReturnStates.Completed
            ? new ReturnMoveCommand { ReturnId = d.String("id") ?? "", CompleteAtOnce = true }
            : throw BwpException.Validation(ErrorCodes.InvalidReturnStateTransition,
                ReturnDetailsPaths.Say(FieldPath.Of("returns")[i].Field("returnDetailsState.state")) + ": a return moves from CREATED to COMPLETED only.")).ToList();
    }
}
