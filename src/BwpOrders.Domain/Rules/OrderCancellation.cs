using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// cancelOrder: BwP cancels whole orders only, and only while nothing has shipped. The cancellation starts PENDING
/// (requested by the merchant); BwP then decides it on the target's clock (at once unless Simulation:CancellationDecidedAfter says otherwise): every PENDING package is
/// CANCELLED (CUSTOMER_REQUESTED) and BwP requests one refund for the order (REFUND_REQUESTED).
/// </summary>
public static class OrderCancellation
{
    public static Cancellation Request(Change change, CancelOrderCommand command)
    {
        var order = change.Order;
        if (order.Cancellations.FirstOrDefault(c => c.State != CancellationStates.Rejected) is { } existing)
            throw BwpException.Validation(ErrorCodes.OrderNotCancellable,
                $"order {order.Id} already has cancellation {existing.Id} ({existing.State}); an order is cancelled once, as a whole.");
        CheckNothingShipped(order);
        var aliases = command.Aliases ?? [];
        if (aliases.Count > Limits.CancellationAliases)
            throw BwpException.Validation(ErrorCodes.AliasLimitExceeded, FieldPath.Of("aliases"), $"at most {Limits.CancellationAliases} aliases are allowed; got {aliases.Count}.");
        var cancellation = new Cancellation
        {
            Id = Ids.NewItemId(),
            Aliases = [.. aliases],
            Reason = command.Reason,
            AdditionalComments = command.AdditionalComments,
            RequestedBy = CancellationRequesters.Merchant,
            CanceledFor = order.LineItems.Select(l => new LineItemAmount { LineItemId = l.Id, LineItem = l, Amount = l.Amount }).ToList(),
            CreatedAt = change.Now,
            UpdatedAt = change.Now,
        };
        order.Cancellations.Add(cancellation);
        change.Schedule(change.Simulation.CancellationDecidedAfter, ScheduledKinds.CompleteCancellation, cancellation.Id);
        return cancellation;
    }

    /// <summary>BwP decides a PENDING cancellation: SUCCESS if still nothing has shipped, else REJECTED.</summary>
    public static void Complete(Change change, string cancellationId)
    {
        var order = change.Order;
        var cancellation = order.Cancellations.FirstOrDefault(c => c.Id == cancellationId);
        if (cancellation is not { State: CancellationStates.Pending }) return;
        cancellation.UpdatedAt = change.Now;
        if (order.PackageInformation.Details.Any(Shipped))
        {
            cancellation.State = CancellationStates.Rejected;
            return;
        }
        foreach (var package in order.PackageInformation.Details.Where(p => p.State == PackageStates.Pending))
            PackageMoves.Apply(change, package, PackageStates.Cancelled, PackageReasons.CustomerRequested, requestRefund: false);
        cancellation.State = CancellationStates.Success;
        if (BwpRefunds.Request(change, cancellation.CanceledFor, RefundReasons.CancelledOrder) is { } refund)
            cancellation.RefundIds.Add(refund.Id);
    }

    private static void CheckNothingShipped(Order order)
    {
        if (order.PackageInformation.Details.FirstOrDefault(Shipped) is { } shipped)
            throw BwpException.Validation(ErrorCodes.OrderNotCancellable,
                $"order {order.Id} cannot be cancelled: package {shipped.Id} is {shipped.State}. BwP cancels an order only while every package is PENDING.");
    }

    private static bool Shipped(PackageDetails package) => package.State is PackageStates.InTransit or PackageStates.Delivered;
}

/// <summary>Runs an action BwP's side scheduled earlier, when the target's clock reaches it.</summary>
public static class ScheduledActions
{
    public static Change? Run(Order order, ScheduledAction action, DateTimeOffset now, Simulation? simulation)
    {
        var before = OrderJson.Snapshot(order);
        // A shipment scheduled by the simulation goes on to delivery even when the process running it does not simulate.
        var settings = simulation ?? Simulation.Off;
        var change = new Change(order, now, action.Kind == ScheduledKinds.ShipPackage ? settings with { MovesPackages = true } : settings);
        var package = order.PackageInformation.Details.FirstOrDefault(p => p.Id == action.Subject);
        switch (action.Kind)
        {
            // A package moved by a sandbox mutation in the meantime is left where it is.
            case ScheduledKinds.ShipPackage when package is { State: PackageStates.Pending }:
                PackageMoves.Apply(change, package, PackageStates.InTransit, null);
                break;
            case ScheduledKinds.DeliverPackage when package is { State: PackageStates.InTransit }:
                PackageMoves.Apply(change, package, PackageStates.Delivered, null);
                break;
            case ScheduledKinds.CompleteCancellation:
                OrderCancellation.Complete(change, action.Subject);
                break;
            case ScheduledKinds.GradeReturn:
                ShopperReturns.GradeArrived(change, action.Subject);
                break;
        }
        return change.Finish(before);
    }
}
