using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// Returns a shopper starts through BwP: a return package with an RMA and label travels back (CREATED → DROPPED_OFF
/// → IN_TRANSIT → DELIVERED, or FAILED), the fulfilment centre grades each item (<see cref="Simulation.ReturnGradedAfter"/>
/// after delivery, unless the sandbox graded it first), and the return completes once everything arrived and was
/// graded. BwP asks the merchant for one refund per return, as soon as the package is dropped off or delivered
/// (BwP's sandbox tables) or, failing that, at completion.
/// </summary>
public static class ShopperReturns
{
    public const string ReturnCarrierCode = "ups";

    /// <summary>The condition BwP's own grading gives every unit it grades (ConditionUnits: "Item is in sellable condition").</summary>
    public const string GradedCondition = "SELLABLE";
    public static readonly TimeSpan ReturnWindow = TimeSpan.FromDays(30);

    public static readonly IReadOnlyDictionary<string, string[]> PackageTransitions = new Dictionary<string, string[]>
    {
        [ReturnPackageStates.Created] = [ReturnPackageStates.InTransit, ReturnPackageStates.DroppedOff],
        [ReturnPackageStates.DroppedOff] = [ReturnPackageStates.InTransit],
        [ReturnPackageStates.InTransit] = [ReturnPackageStates.Delivered, ReturnPackageStates.Failed],
        [ReturnPackageStates.Delivered] = [],
        [ReturnPackageStates.Failed] = [],
    };

    /// <summary>How long a DRAFT return may wait to be submitted.</summary>
    public static readonly TimeSpan DraftExpiresAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// A shopper's return of delivered items: a DRAFT, or (submitted at once) CREATED with its return package. The
    /// line items in <paramref name="notReturnable"/> are products the catalog's return policy takes no returns of.
    /// </summary>
    public static ReturnDetails Start(Change change, StartReturnCommand command, IReadOnlySet<string>? notReturnable = null)
    {
        if (command.Items.Count == 0)
            throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("items"), "name at least one line item and amount to return.");
        var created = new ReturnDetails
        {
            Id = Ids.NewItemId(),
            StartedThroughBwp = true,
            State = ReturnStates.Draft,
            ReturnLineItems = command.Items.Select((item, i) => NewLineItem(change, item, notReturnable, FieldPath.Of("items")[i])).ToList(),
            ExpiresAt = Timestamps.Format(change.Time + DraftExpiresAfter),
            CreatedAt = change.Now,
            UpdatedAt = change.Now,
        };
        change.Order.Returns.Details.Add(created);
        change.CreatedReturns.Add(created);
        ReturnMerger.CheckReturnedAmounts(change.Order, FieldPath.Of("items"));
        if (command.Submit) Submit(change, created);
        return created;
    }

    /// <summary>updateReturn: aliases, choosing a DRAFT's return delivery offer, and submitting a DRAFT (it gets its return package, label and RMA).</summary>
    public static void Update(Change change, ReturnDetails ret, UpdateReturnCommand command)
    {
        if (command.Aliases is { } aliases)
        {
            var merged = ret.Aliases.ToList();
            AliasMerge.Append(merged, aliases);
            if (merged.Count > Limits.ReturnAliases)
                throw BwpException.Validation(ErrorCodes.AliasLimitExceeded, FieldPath.Of("aliases"), $"a return has at most {Limits.ReturnAliases} aliases; this would make {merged.Count}.");
            ret.Aliases = merged;
            ret.UpdatedAt = change.Now;
        }
        if (command.ReturnDeliveryOfferIds is { Count: > 0 } offerIds)
        {
            var path = FieldPath.Of("returnDeliveryOffer");
            CheckDraft(change, ret, path, "a return delivery offer is chosen while the return is a DRAFT");
            if (offerIds.Count > 1)
                throw BwpException.Validation(ErrorCodes.InvalidInput, path,
                    $"return {ret.Id} has one return delivery group (its items travel together); choose one offer, not {offerIds.Count}.");
            ReturnDeliveryOffers.Choose(change, ret, offerIds[0], path);
        }
        if (!command.Submit) return;
        CheckDraft(change, ret, FieldPath.Of("submit"), "only a DRAFT return is submitted");
        Submit(change, ret);
    }

    private static void CheckDraft(Change change, ReturnDetails ret, FieldPath path, string rule)
    {
        if (ret.State != ReturnStates.Draft)
            throw BwpException.Validation(ErrorCodes.InvalidReturnStateTransition, path, $"return {ret.Id} is {ret.State}; {rule}.");
        if (ret.ExpiresAt is { } expires && Timestamps.Parse(expires) < change.Time)
            throw BwpException.Validation(ErrorCodes.InvalidReturnStateTransition, path, $"return {ret.Id} expired at {expires}; start a new one.");
    }

    private static void Submit(Change change, ReturnDetails ret)
    {
        ret.State = ReturnStates.Created;
        ret.ReturnDeliveryOfferId = ReturnDeliveryOffers.Effective(ret)!.Id;
        ret.ReturnPackages = [NewPackage(change, ret.CoveredAmounts.ToList())];
        change.CreatedTrackers.Add(ret.ReturnPackages[0].PackageTracker!);
        ret.ExpiresAt = Timestamps.Format(change.Time + ReturnWindow);
        ret.UpdatedAt = change.Now;
        change.Order.Link();
        change.Record(EventTypes.ReturnStarted, $"/return/{ret.Id}");
    }

    /// <summary>Applies a sandbox move: return packages and gradings, then completion when everything is in.</summary>
    public static void Move(Change change, ReturnMoveCommand move, FieldPath path)
    {
        var ret = change.Order.Returns.Details.FirstOrDefault(r => r.Id == move.ReturnId || r.Aliases.Any(a => a.AliasId == move.ReturnId))
            ?? throw BwpException.Validation(ErrorCodes.InvalidReturnId, path.Field("returnId"), $"order {change.Order.Id} has no return '{move.ReturnId}'.");
        if (!ret.StartedThroughBwp)
            throw BwpException.Validation(ErrorCodes.InvalidReturnId, path.Field("returnId"),
                $"return {ret.Id} is the merchant's own (external) return; BwP's sandbox moves only returns started through BwP.");
        if (ret.State != ReturnStates.Created)
            throw BwpException.Validation(ErrorCodes.InvalidReturnStateTransition, path, $"return {ret.Id} is {ret.State} and moves no further.");
        if (move.CompleteAtOnce)
        {
            foreach (var package in ret.ReturnPackages.Where(p => p.State != ReturnPackageStates.Delivered))
                MovePackage(change, ret, package, ReturnPackageStates.Delivered, null);
            ret.State = ReturnStates.Completed;
            change.Record(EventTypes.ReturnCompleted, $"/return/{ret.Id}");
            ret.UpdatedAt = change.Now;
            return;
        }
        var delivered = false;
        for (var i = 0; i < move.Packages.Count; i++)
        {
            var (packageId, state, reason) = move.Packages[i];
            var package = ret.ReturnPackages.FirstOrDefault(p => p.Id == packageId) ?? throw BwpException.Validation(ErrorCodes.ReturnPackageNotFound, path.Field("returnPackages")[i].Field("id"),
                $"return {ret.Id} has no return package '{packageId}'.");
            if (!PackageTransitions[package.State].Contains(state))
                throw BwpException.Validation(ErrorCodes.InvalidReturnPackageStateTransition, path.Field("returnPackages")[i].Field("state"),
                    $"return package {package.Id} cannot go from {package.State} to {state}. " +
                    $"Allowed: {(PackageTransitions[package.State] is { Length: > 0 } next ? string.Join(", ", next) : $"none, {package.State} is final")}.");
            MovePackage(change, ret, package, state, reason);
            delivered |= state == ReturnPackageStates.Delivered;
        }
        for (var i = 0; i < move.Gradings.Count; i++)
        {
            var (itemId, units) = move.Gradings[i];
            var item = ret.ReturnLineItems.FirstOrDefault(l => l.Id == itemId) ?? throw BwpException.Validation(ErrorCodes.ItemDoesNotExist, path.Field("returnLineItems")[i].Field("id"),
                $"return {ret.Id} has no return line item '{itemId}'.");
            Grade(change, ret, item, units, path.Field("returnLineItems")[i].Field("grading"));
        }
        TryComplete(change, ret);
        // What arrived and is not graded yet, BwP's fulfilment centre grades on the target's clock (GradeArrived).
        if (delivered && ret.State == ReturnStates.Created)
            change.Schedule(change.Simulation.ReturnGradedAfter, ScheduledKinds.GradeReturn, ret.Id);
    }

    /// <summary>
    /// BwP's grading, when due: once the return's packages are all delivered, each item not graded yet (by the sandbox)
    /// is graded <see cref="GradedCondition"/> whole, and the return completes. A return already completed, or not
    /// delivered after all, is left as it is.
    /// </summary>
    public static void GradeArrived(Change change, string returnId)
    {
        var ret = change.Order.Returns.Details.FirstOrDefault(r => r.Id == returnId);
        if (ret is not { StartedThroughBwp: true, State: ReturnStates.Created } || ret.ReturnPackages.Any(p => p.State != ReturnPackageStates.Delivered)) return;
        foreach (var item in ret.ReturnLineItems.Where(l => l.Grading is null))
            Grade(change, ret, item, [new GradedUnits(GradedCondition, new Quantity(Returned(item)))], null);
        TryComplete(change, ret);
    }

    private static void MovePackage(Change change, ReturnDetails ret, ReturnPackage package, string to, string? reason)
    {
        package.State = to;
        package.Reason = to == ReturnPackageStates.Failed ? reason ?? "UNDELIVERABLE" : null;
        var resource = $"/return/{ret.Id}";
        switch (to)
        {
            case ReturnPackageStates.InTransit:
                change.Record(EventTypes.ReturnPackageInTransit, resource);
                Track(change, package, MilestoneCodes.InTransit);
                break;
            case ReturnPackageStates.DroppedOff:
                RequestRefund(change, ret, RefundReasons.ReturnDroppedOffPickedUp);
                break;
            case ReturnPackageStates.Delivered:
                change.Record(EventTypes.ReturnPackageDelivered, resource);
                Track(change, package, MilestoneCodes.Delivered, toFulfillmentCenter: true);
                RequestRefund(change, ret, RefundReasons.ReturnReceived);
                break;
            case ReturnPackageStates.Failed:
                change.Record(EventTypes.ReturnPackageDeliveryFailed, resource);
                Track(change, package, MilestoneCodes.Undeliverable);
                break;
        }
        ret.UpdatedAt = change.Now;
    }

    private static void Grade(Change change, ReturnDetails ret, ReturnLineItem item, List<GradedUnits> units, FieldPath? path)
    {
        var returned = Returned(item);
        if (units.Count == 0 || units.Any(u => u.Amount.Value <= 0) || units.Sum(u => u.Amount.Value) != returned)
            throw new BwpException(ErrorKind.Validation, ErrorCodes.InvalidAmount,
                $"grade each of the {returned} returned units once (the graded amounts must add up to {returned}).", path);
        item.Grading = new ReturnGrading(units);
        change.Record(EventTypes.ReturnItemGraded, $"/return/{ret.Id}");
        ret.UpdatedAt = change.Now;
    }

    private static decimal Returned(ReturnLineItem item) => item.ReturnFor.OrderLineItemAmounts.Sum(a => a.Amount.Value);

    /// <summary>Everything arrived and was graded: the return completes, and BwP asks for the refund if it has not yet.</summary>
    private static void TryComplete(Change change, ReturnDetails ret)
    {
        if (ret.ReturnPackages.Any(p => p.State != ReturnPackageStates.Delivered) || ret.ReturnLineItems.Any(l => l.Grading is null)) return;
        RequestRefund(change, ret, RefundReasons.ReturnReceived);
        ret.State = ReturnStates.Completed;
        ret.UpdatedAt = change.Now;
        change.Record(EventTypes.ReturnCompleted, $"/return/{ret.Id}");
    }

    private static void RequestRefund(Change change, ReturnDetails ret, string reason)
    {
        if (ret.RefundId is not null) return;
        ret.RefundId = BwpRefunds.Request(change, ret.CoveredAmounts.ToList(), reason)?.Id;
    }

    private static ReturnLineItem NewLineItem(Change change, ReturnedItemPatch patch, IReadOnlySet<string>? notReturnable, FieldPath path)
    {
        var item = change.LineItem(patch.LineItem, path.Field("lineItemId"));
        if (!item.IsAmazonFulfilled)
            throw BwpException.Validation(ErrorCodes.ItemNotReturnable, path.Field("lineItemId"), $"line item {item.Id} is delivered by the merchant; BwP takes back only what Amazon delivered.");
        if (notReturnable?.Contains(item.Id) == true)
            throw BwpException.Validation(ErrorCodes.ItemNotReturnable, path.Field("lineItemId"),
                $"line item {item.Id} is a catalog product whose return policy takes no returns (returnable: false); reversalOffers shows what BwP takes back.");
        var delivered = change.Order.PackageInformation.Details.Where(p => p.State == PackageStates.Delivered).Sum(p => p.AmountOf(item.Id));
        var returning = change.Order.Returns.Details.Where(r => r.StartedThroughBwp && r.State != ReturnStates.Cancelled)
            .SelectMany(r => r.CoveredAmounts).Where(a => a.LineItemId == item.Id).Sum(a => a.Amount.Value);
        if (patch.Amount <= 0 || patch.Amount > delivered - returning)
            throw BwpException.Validation(ErrorCodes.ItemNotReturnable, path.Field("amount"),
                $"{delivered - returning} of line item {item.Id} can be returned (delivered and not yet returned), not {patch.Amount}.");
        return new ReturnLineItem
        {
            Id = Ids.NewItemId(),
            ReturnFor = new ReturnFor { OrderLineItemAmounts = [new LineItemAmount { LineItemId = item.Id, LineItem = item, Amount = item.Amount with { Value = patch.Amount } }] },
            ReturnReasonTerm = patch.ReasonCode is null ? null : new ReturnReason(patch.ReasonCode, patch.AdditionalComments),
        };
    }

    private static ReturnPackage NewPackage(Change change, List<LineItemAmount> amounts)
    {
        var trackingNumber = "1Z" + Ids.NewHex(8).ToUpperInvariant();
        var rma = "RMA" + Ids.NewNumber(10_000_000, 100_000_000);
        return new ReturnPackage
        {
            Id = Ids.NewItemId(),
            State = ReturnPackageStates.Created,
            Rma = rma,
            ReturnPackageFor = new ReturnFor { OrderLineItemAmounts = amounts.Select(a => new LineItemAmount { LineItemId = a.LineItemId, LineItem = a.LineItem, Amount = a.Amount }).ToList() },
            PackageTracker = new PackageTracker
            {
                PackageTrackerIdentifier = new PackageTrackerIdentifier(ReturnCarrierCode, trackingNumber),
                TrackingUrl = $"https://www.ups.com/track?tracknum={trackingNumber}",
                Milestones = [Milestones.New(MilestoneCodes.InfoReceived, change, change.Order.Recipient?.DeliveryAddress)],
            },
            LabelUrl = $"https://returns.example.amazon.com/labels/{rma}.pdf",
            CreatedAt = change.Now,
        };
    }

    private static void Track(Change change, ReturnPackage package, string code, bool toFulfillmentCenter = false)
    {
        if (package.PackageTracker is { } tracker)
            Milestones.Append(change, tracker, code, toFulfillmentCenter ? null : change.Order.Recipient?.DeliveryAddress);
    }
}
