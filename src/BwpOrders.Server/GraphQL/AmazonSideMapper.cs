using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// Maps the inputs of the operations where BwP's side acts (cancelOrder, the sandbox mutations, reversal offers)
/// to domain commands. Like <see cref="CommandMapper"/>, one mapper serves every version's field names.
/// </summary>
public static class AmazonSideMapper
{
    public static CancelOrderCommand Cancel(OrderLookup order, Input input) => new()
    {
        Order = order,
        Reason = input.String("reason"),
        AdditionalComments = input.String("additionalComments"),
        Aliases = input.List("aliases", CommandMapper.Alias),
    };

    /// <summary>2024-11-01 <c>packageInformation.details</c> and 2024-01-01 <c>details</c> of the package sandbox mutations.</summary>
    public static List<PackageMoveCommand> PackageMoves(Input input) =>
        (input.Object("packageInformation").List("details") ?? input.List("details") ?? []).Select(PackageMove).ToList();

    private static PackageMoveCommand PackageMove(Input detail)
    {
        var state = detail.Object("packageState").Object("packageInformationState");
        if (state.IsNull) state = detail.Object("deliveryInformationState");
        var amounts = detail.Object("packageState").Object("packageInformationState").Object("packageInformationDetailsFor").List("orderLineItemAmounts", CommandMapper.AmountOfLineItem)
            ?? detail.Object("deliveryInformationDetailsFor").List("orderLineItems", CommandMapper.AmountOfLineItem);
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
                    l.Object("grading").List("unitWiseCondition", u => new GradedUnits(u.String("condition") ?? "", CommandMapper.Amount(u.Object("amount")))) ?? [])) ?? [],
            }).ToList();
        return (input.List("details") ?? []).Select((d, i) => d.Object("returnDetailsState").String("state") == ReturnStates.Completed
            ? new ReturnMoveCommand { ReturnId = d.String("id") ?? "", CompleteAtOnce = true }
            : throw BwpException.Validation(ErrorCodes.InvalidReturnStateTransition,
                $"input.details[{i}].returnDetailsState.state: a return moves from CREATED to COMPLETED only.")).ToList();
    }

    /// <summary>2024-11-01 <c>createReturn</c>: each return line item returns amounts of order line items.</summary>
    public static StartReturnCommand CreateReturn(OrderLookup order, Input input) => new()
    {
        Order = order,
        Items = (input.List("returnLineItems", r => r.Object("returnFor").List("orderLineItemAmounts", CommandMapper.AmountOfLineItem) ?? []) ?? [])
            .SelectMany(amounts => amounts).Select(a => new ReturnedItemPatch(a.LineItem, a.Amount.Value, null, null)).ToList(),
        Submit = input.String("desiredReturnExecutionState") == "STARTED",
    };

    /// <summary>2024-11-01 <c>updateReturn</c>: the return named in <c>input.returnIdentifier</c> or the <c>returnIdentifier</c> argument.</summary>
    public static UpdateReturnCommand UpdateReturn(Input input, Input argument)
    {
        var inside = input.Object("returnIdentifier");
        if (inside.IsNull && argument.IsNull)
            throw BwpException.Validation(ErrorCodes.InvalidInput, "input.returnIdentifier: identify the return to update, as input: {returnIdentifier: {id: \"...\"}} (or the returnIdentifier argument).");
        if (!inside.IsNull && !argument.IsNull && inside.String("id") != argument.String("id"))
            throw BwpException.Validation(ErrorCodes.InvalidInput,
                $"returnIdentifier: the argument names return '{argument.String("id")}' and input.returnIdentifier '{inside.String("id")}'; name the return once, or the same in both.");
        return new UpdateReturnCommand
        {
            ReturnId = (inside.IsNull ? argument : inside).String("id")
                ?? throw BwpException.Validation(ErrorCodes.InvalidInput, $"{(inside.IsNull ? "returnIdentifier" : "input.returnIdentifier")}: identify the return by its id ({{id: \"...\"}})."),
            Aliases = input.List("aliases", CommandMapper.Alias),
            ReturnDeliveryOfferIds = input.List("returnDeliveryGroups", g => g.Object("returnDeliveryOffer").Object("details").String("id") ?? ""),
            Submit = input.String("desiredReturnExecutionState") == "STARTED",
        };
    }

    public static List<ReversalItemId> ReversalItems(Input input) =>
        (input.List("items") ?? []).Select((item, i) =>
        {
            var id = item.Object("id");
            var sku = id.String("SKU");
            var msku = id.Object("mSKU");
            if ((sku is null) == msku.IsNull)
                throw BwpException.Validation(ErrorCodes.InvalidInput, $"reversalOffersInput.items[{i}].id: give exactly one of SKU or mSKU.");
            return sku is not null ? (ReversalItemId)new SkuReversalItemId(sku) : new MskuReversalItemId(msku.String("marketplaceId") ?? "", msku.String("value") ?? "");
        }).ToList();
}
