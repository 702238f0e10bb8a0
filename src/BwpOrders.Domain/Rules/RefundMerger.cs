using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// Applies the refunds of an update (<c>refunds</c>; the API's <c>refunds.details</c>): each entry updates the refund its id (BwP id or alias id) or alias names,
/// or, when it names none, records a new (external) refund. State changes follow the documented machine.
/// </summary>
public static class RefundMerger
{
    public static void Apply(Change change, IReadOnlyList<RefundPatch> patches)
    {
        CheckAliasIdsOnce(patches);
        Upsert.Each(
            patches, FieldPath.Of("refunds"),
            (patch, path) => Find(change.Order, patch, path),
            (patch, path) => Create(change, patch, path),
            (refund, patch, path) => Update(change, refund, patch, path),
            refund => refund.Id, ErrorCodes.DuplicateRefundId, "refund");
    }

    /// <summary>An alias id may appear only once in one request's refunds (whatever its alias type).</summary>
    private static void CheckAliasIdsOnce(IReadOnlyList<RefundPatch> patches)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < patches.Count; i++)
            foreach (var alias in patches[i].Aliases ?? [])
                if (!seen.Add(alias.AliasId))
                    throw BwpException.Validation(ErrorCodes.DuplicateAliasId, FieldPath.Of("refunds")[i].Field("aliases"),
                        $"alias id '{alias.AliasId}' is given more than once in this request.");
    }

    private static Refund? Find(Order order, RefundPatch patch, FieldPath path)
    {
        var refunds = order.Refunds.Details;
        if (patch.Id is not null)
            return refunds.FirstOrDefault(r => r.Id == patch.Id)
                ?? refunds.FirstOrDefault(r => r.Aliases.Any(a => a.AliasId == patch.Id))
                ?? throw BwpException.Validation(ErrorCodes.InvalidRefundId, path.Field("id"),
                    $"order {order.Id} has no refund with id or alias id '{patch.Id}'. Leave the id out and give an alias to record a new refund.");
        if (patch.Aliases is not { Count: > 0 } aliases)
            throw BwpException.Validation(ErrorCodes.MissingRefundId, path,
                "name the refund by id, or give it an alias (e.g. EXTERNAL_REFUND_ID) to record a new one.");
        return refunds.FirstOrDefault(r => r.Aliases.Any(aliases.Contains));
    }

    private static Refund Create(Change change, RefundPatch patch, FieldPath path)
    {
        if (patch.TotalAmount is null)
            throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("refundTotal.totalAmount"), "required for a new refund.");
        var refund = new Refund
        {
            Id = Ids.NewItemId(),
            State = patch.State ?? RefundStates.Pending,
            CreatedAt = change.Now,
        };
        if (!RefundStates.Transitions.ContainsKey(refund.State))
            throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("state"), $"unknown refund state '{refund.State}'.");
        change.Order.Refunds.Details.Add(refund);
        Merge(change, refund, patch, path);
        RecordOutcome(change, refund, previousState: null);
        return refund;
    }

    private static void Update(Change change, Refund refund, RefundPatch patch, FieldPath path)
    {
        var previous = refund.State;
        if (patch.State is not null)
        {
            if (!RefundStates.Transitions[previous].Contains(patch.State))
                throw BwpException.Validation(ErrorCodes.InvalidRefundStateTransition, path.Field("state"),
                    $"refund {refund.Id} cannot go from {previous} to {patch.State}. Allowed from {previous}: {string.Join(", ", RefundStates.Transitions[previous])}.");
            refund.State = patch.State;
        }
        // BwP sets the reason of the refunds it requests; the merchant's own (external) refunds may change theirs.
        if (refund.RequestedByBwp && patch.RefundRequestReason is not null && patch.RefundRequestReason != refund.RefundRequestReason)
            throw BwpException.Validation(ErrorCodes.InvalidRefundRequestReasonUpdate, path.Field("refundRequestReason"),
                $"BwP requested refund {refund.Id} for {refund.RefundRequestReason}; only external refunds may change their request reason.");
        Merge(change, refund, patch, path);
        RecordOutcome(change, refund, previous);
    }

    private static void Merge(Change change, Refund refund, RefundPatch patch, FieldPath path)
    {
        AliasMerge.Overwrite(refund.Aliases, patch.Aliases);
        refund.RefundRequestReason = patch.RefundRequestReason ?? refund.RefundRequestReason;
        refund.RefundStatusReason = patch.RefundStatusReason ?? refund.RefundStatusReason;
        if (patch.TotalAmount is not null) refund.RefundTotal = new RefundTotal(patch.TotalAmount);
        if (patch.RefundFor is not null)
            refund.RefundFor = new RefundFor { OrderLineItems = patch.RefundFor.Select((r, j) => Refunded(change, r, path.Field("refundFor.orderLineItems")[j])).ToList() };
        // paymentDetails carry only this update's payments (a delta), so they are appended.
        refund.PaymentDetails.AddRange(patch.PaymentDetails ?? []);
        refund.UpdatedAt = change.Now;
    }

    private static RefundedLineItem Refunded(Change change, RefundedLineItemPatch patch, FieldPath path)
    {
        var item = change.LineItem(patch.LineItem, path.Field("lineItemId"));
        if (patch.RefundedQuantity is { } quantity && (quantity.Value <= 0 || quantity.Value > item.Amount.Value))
            throw BwpException.Validation(ErrorCodes.InvalidAmount, path.Field("refundedQuantity.amount"),
                $"must be greater than 0 and at most the line item's {item.Amount.Value}, got {quantity.Value}.");
        return new RefundedLineItem { LineItemId = item.Id, RefundedQuantity = patch.RefundedQuantity, LineItem = item };
    }

    /// <summary>BwP announces a refund that reached SUCCESS (REFUND_COMPLETED); the merchant's other syncs are not events.</summary>
    private static void RecordOutcome(Change change, Refund refund, string? previousState)
    {
        if (refund.State == RefundStates.Success && previousState != RefundStates.Success)
            change.Record(EventTypes.RefundCompleted, $"/refund/{refund.Id}");
    }
}
