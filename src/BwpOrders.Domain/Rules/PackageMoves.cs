using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

public static class PackageReasons
{
    public const string CustomerRequested = "CUSTOMER_REQUESTED";
    public const string Unfulfillable = "UNFULFILLABLE";
    public const string Undeliverable = "UNDELIVERABLE";
}

/// <summary>
/// How BwP moves a package: the documented state machine (current, next → the cancellation reasons allowed),
/// and what each move announces and sets off. Used by the sandbox mutations, the fulfilment simulation and
/// cancellations alike.
/// </summary>
public static class PackageMoves
{
    public static readonly IReadOnlyDictionary<(string From, string To), string[]> Transitions = new Dictionary<(string, string), string[]>
    {
        [(PackageStates.Pending, PackageStates.InTransit)] = [],
        [(PackageStates.Pending, PackageStates.Cancelled)] = [PackageReasons.Unfulfillable, PackageReasons.CustomerRequested],
        [(PackageStates.InTransit, PackageStates.Delivered)] = [],
        [(PackageStates.InTransit, PackageStates.Cancelled)] = [PackageReasons.Undeliverable],
    };

    /// <summary>Checks a requested move against the machine; a reason on a move other than a cancellation is ignored.</summary>
    public static void Check(PackageDetails package, string to, string? reason, FieldPath path)
    {
        if (to == PackageStates.Cancelled && reason is null)
            throw BwpException.Validation(ErrorCodes.MissingCancellationReason, path, $"moving package {package.Id} to CANCELLED needs a reason.");
        if (!Transitions.TryGetValue((package.State, to), out var reasons) || (to == PackageStates.Cancelled && !reasons.Contains(reason)))
            throw BwpException.Validation(ErrorCodes.InvalidPackageDeliveryDetailStateTransition, path,
                $"package {package.Id} cannot go from {package.State} to {to}{(to == PackageStates.Cancelled ? $" ({reason})" : "")}. Allowed: {Allowed(package.State)}.");
    }

    /// <summary>Moves the package (already checked) and records what BwP would: events, tracker milestones, a refund request.</summary>
    public static void Apply(Change change, PackageDetails package, string to, string? reason, bool requestRefund = true)
    {
        package.State = to;
        package.Reason = to == PackageStates.Cancelled ? reason : null;
        package.UpdatedAt = change.Now;
        var resource = $"/delivery/{package.Id}";
        switch (to)
        {
            case PackageStates.InTransit:
                change.Record(EventTypes.PackageInTransit, resource);
                Track(change, package, MilestoneCodes.InTransit);
                if (change.Simulation is { MovesPackages: true } simulation) change.Schedule(simulation.DeliveredAfter, ScheduledKinds.DeliverPackage, package.Id);
                break;
            case PackageStates.Delivered:
                change.Record(EventTypes.PackageDelivered, resource);
                Track(change, package, MilestoneCodes.Delivered, change.Order.Recipient?.DeliveryAddress);
                break;
            case PackageStates.Cancelled:
                change.Record(EventTypes.PackageCancelled, resource);
                if (reason == PackageReasons.Undeliverable) Track(change, package, MilestoneCodes.Undeliverable);
                if (requestRefund)
                    BwpRefunds.Request(change, package.Amounts, reason == PackageReasons.Undeliverable ? RefundReasons.NotDelivered : RefundReasons.CancelledOrder);
                break;
        }
    }

    /// <summary>
    /// A PENDING package split in two: <paramref name="amounts"/> leave it for a new package (its own id and tracker),
    /// which is returned. Amounts equal to the package's own are no split: the package itself is returned.
    /// </summary>
    public static PackageDetails Split(Change change, PackageDetails package, List<LineItemAmount> amounts, FieldPath path)
    {
        var current = package.Amounts;
        if (amounts.Count == current.Count && amounts.All(a => package.AmountOf(a.LineItemId) == a.Amount.Value)) return package;
        foreach (var amount in amounts)
            if (amount.Amount.Value <= 0 || amount.Amount.Value > package.AmountOf(amount.LineItemId))
                throw BwpException.Validation(ErrorCodes.InvalidInput, path,
                    $"package {package.Id} holds {package.AmountOf(amount.LineItemId)} of line item {amount.LineItemId}, not {amount.Amount.Value}.");
        if (package.State != PackageStates.Pending)
            throw BwpException.Validation(ErrorCodes.InvalidPackageDeliveryDetailStateTransition, path,
                $"only a PENDING package can split; package {package.Id} is {package.State}.");
        foreach (var amount in amounts)
        {
            var left = current.First(a => a.LineItemId == amount.LineItemId);
            left.Amount = left.Amount with { Value = left.Amount.Value - amount.Amount.Value };
        }
        current.RemoveAll(a => a.Amount.Value == 0);
        package.UpdatedAt = change.Now;
        return Fulfillment.AddPackage(change, amounts);
    }

    private static void Track(Change change, PackageDetails package, string code, Address? at = null)
    {
        if (package.PackageTracker is { } tracker) Milestones.Append(change, tracker, code, at);
    }

    private static string Allowed(string from)
    {
        var next = Transitions.Where(t => t.Key.From == from).Select(t => t.Value.Length == 0 ? t.Key.To : $"{t.Key.To} ({string.Join(" or ", t.Value)})").ToList();
        return next.Count == 0 ? $"none, {from} is final" : string.Join(", ", next);
    }
}
