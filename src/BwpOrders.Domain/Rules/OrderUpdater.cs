using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>Applies a partial update: fields left out (or null) keep their value.</summary>
public static class OrderUpdater
{
    /// <returns>The change, or null when the update leaves the order exactly as it was.</returns>
    public static Change? Apply(Order order, UpdateOrderCommand command, DateTimeOffset now, Simulation? simulation = null)
    {
        var before = OrderJson.Snapshot(order);
        var change = new Change(order, now, simulation);

        AliasMerge.Append(order.Aliases, command.Aliases);
        order.Customer = command.Customer ?? order.Customer;
        order.Recipient = command.Recipient ?? order.Recipient;
        if (command.LineItems is not null)
        {
            LineItemMerger.Apply(change, command.LineItems);
            LineItemMerger.ResolveDeliveryGroups(order);
        }
        order.Payments = PaymentMerge.Apply(order.Payments, command.Payments, FieldPath.Of("payments"));
        order.Taxes = command.Taxes ?? order.Taxes;
        order.Discounts = Immutable.SetOnce(order.Discounts, command.Discounts, FieldPath.Of("discounts"));
        if (command.TotalPrice is not null) order.TotalPrice = new OrderTotal { Value = command.TotalPrice };
        // Order links cannot be changed or removed; new ones are added.
        foreach (var link in command.OrderLinks ?? [])
            if (!order.OrderLinks.Contains(link)) order.OrderLinks.Add(link);
        if (command.Refunds is not null) RefundMerger.Apply(change, command.Refunds);
        if (command.Returns is not null) ReturnMerger.Apply(change, command.Returns);
        if (command.Packages is not null) PackageMerger.Apply(change, command.Packages);
        ExecutionState.Apply(change, command.DesiredExecutionState);

        OrderInvariants.Check(order);
        Fulfillment.EnsurePackages(change);
        return change.Finish(before);
    }
}
