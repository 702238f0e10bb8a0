using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// Applies <c>returns.details</c> (external returns), as BwP's "Update return details" page says: an entry with a
/// <c>returnIdentifier</c> (id or alias) updates that return; any other entry, aliases or not, is a new return with
/// a new id, and an alias id another return of the order already has is <c>AliasValueAlreadyExists</c>. A new
/// return may name its line items later (the 2024-11-01 seed syncs one by alias alone).
/// </summary>
public static class ReturnMerger
{
    public static void Apply(Change change, IReadOnlyList<ReturnPatch> patches)
    {
        Upsert.Each(
            patches, FieldPath.Of("returns"),
            (patch, path) => Find(change.Order, patch, path),
            (patch, path) => Create(change, patch, path),
            (existing, patch, path) => Update(change, existing, patch, path),
            existing => existing.Id, ErrorCodes.DuplicateReturnId, "return");
        CheckReturnedAmounts(change.Order, FieldPath.Of("returns"));
    }

    private static ReturnDetails? Find(Order order, ReturnPatch patch, FieldPath path)
    {
        var returns = order.Returns.Details;
        if (patch.IdentifierId is not null)
            return returns.FirstOrDefault(r => r.Id == patch.IdentifierId)
                ?? throw BwpException.Validation(ErrorCodes.InvalidReturnId, path.Field("returnIdentifier.id"), $"order {order.Id} has no return '{patch.IdentifierId}'.");
        if (patch.IdentifierAlias is not null)
            return returns.FirstOrDefault(r => r.Aliases.Contains(patch.IdentifierAlias))
                ?? throw BwpException.Validation(ErrorCodes.InvalidReturnId, path.Field("returnIdentifier.alias"),
                    $"order {order.Id} has no return with alias {OrderInvariants.Describe(patch.IdentifierAlias)}.");
        return null;
    }

    private static ReturnDetails Create(Change change, ReturnPatch patch, FieldPath path)
    {
        var state = patch.State ?? ReturnStates.Created;
        if (!ReturnStates.Initial.Contains(state))
            throw BwpException.Validation(ErrorCodes.InvalidReturnStateTransition, path.Field("state"),
                $"a new return starts in {string.Join(" or ", ReturnStates.Initial)}, not {state}.");
        var created = new ReturnDetails { Id = Ids.NewItemId(), State = state, CreatedAt = change.Now };
        Merge(change, created, patch, path);
        change.Order.Returns.Details.Add(created);
        change.CreatedReturns.Add(created);
        RecordOutcome(change, created, previousState: ReturnStates.Created);
        return created;
    }

    private static void Update(Change change, ReturnDetails existing, ReturnPatch patch, FieldPath path)
    {
        if (existing.StartedThroughBwp)
            throw BwpException.Validation(ErrorCodes.ReturnNotUpdatable, path,
                $"return {existing.Id} was started by the shopper through BwP, which moves it on; updateOrder changes only external returns.");
        var previous = existing.State;
        if (patch.State is not null)
        {
            if (!ReturnStates.Transitions[previous].Contains(patch.State))
                throw BwpException.Validation(ErrorCodes.InvalidReturnStateTransition, path.Field("state"),
                    $"return {existing.Id} cannot go from {previous} to {patch.State}. Allowed from {previous}: {string.Join(", ", ReturnStates.Transitions[previous])}.");
            existing.State = patch.State;
        }
        Merge(change, existing, patch, path);
        RecordOutcome(change, existing, previous);
    }

    private static void Merge(Change change, ReturnDetails target, ReturnPatch patch, FieldPath path)
    {
        CheckAliasesFree(change.Order, target, patch.Aliases, path);
        AliasMerge.Append(target.Aliases, patch.Aliases);
        if (patch.ReturnLineItems is not null)
        {
            if (patch.ReturnLineItems.FindIndex(amounts => amounts.Count == 0) is var empty and >= 0)
                throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("returnLineItems")[empty].Field("returnFor.orderLineItemAmounts"),
                    "name at least one order line item and the amount returned.");
            target.ReturnLineItems = patch.ReturnLineItems.Select((amounts, j) => new ReturnLineItem
            {
                Id = Ids.NewItemId(),
                ReturnFor = new ReturnFor
                {
                    OrderLineItemAmounts = amounts.Select((a, k) => Covered(change, a, path.Field("returnLineItems")[j].Field("returnFor.orderLineItemAmounts")[k])).ToList(),
                },
            }).ToList();
        }
        target.UpdatedAt = change.Now;
    }

    /// <summary>An alias id names at most one return of an order (BwP's return troubleshooting table).</summary>
    private static void CheckAliasesFree(Order order, ReturnDetails target, List<Alias>? aliases, FieldPath path)
    {
        foreach (var alias in aliases ?? [])
            if (order.Returns.Details.FirstOrDefault(r => r != target && r.Aliases.Any(a => a.AliasId == alias.AliasId)) is { } other)
                throw BwpException.Validation(ErrorCodes.AliasValueAlreadyExists, path.Field("aliases"),
                    $"alias id '{alias.AliasId}' already belongs to return {other.Id} of order {order.Id}. To update that return, name it with returnIdentifier {{id}} or {{alias}}.");
    }

    private static LineItemAmount Covered(Change change, LineItemAmountPatch patch, FieldPath path)
    {
        var item = change.LineItem(patch.LineItem, path.Field("lineItemId"));
        if (patch.Amount.Value <= 0)
            throw BwpException.Validation(ErrorCodes.InvalidAmount, path.Field("amount.value"), $"must be greater than 0, got {patch.Amount.Value}.");
        return new LineItemAmount { LineItemId = item.Id, Amount = patch.Amount, LineItem = item };
    }

    /// <summary>Open (not cancelled) returns never cover more of a line item than was ordered.</summary>
    /// <param name="where">The returns of the command that would cover more.</param>
    internal static void CheckReturnedAmounts(Order order, FieldPath where)
    {
        var returned = order.Returns.Details
            .Where(r => r.State != ReturnStates.Cancelled)
            .SelectMany(r => r.CoveredAmounts)
            .GroupBy(a => a.LineItemId)
            .Select(g => (LineItemId: g.Key, Total: g.Sum(a => a.Amount.Value)));
        foreach (var (lineItemId, total) in returned)
        {
            var ordered = order.FindLineItem(lineItemId)!.Amount.Value;
            if (total > ordered)
                throw BwpException.Validation(ErrorCodes.InvalidAmount, where,
                    $"open returns would cover {total} of line item {lineItemId}, but only {ordered} was ordered.");
        }
    }

    private static void RecordOutcome(Change change, ReturnDetails target, string previousState)
    {
        if (target.State == ReturnStates.Completed && previousState != ReturnStates.Completed)
            change.Record(EventTypes.ReturnCompleted, $"/return/{target.Id}");
    }
}
