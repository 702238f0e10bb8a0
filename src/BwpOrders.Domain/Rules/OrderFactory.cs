using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

public static class OrderFactory
{
    public static Change Create(CreateOrderCommand command, DateTimeOffset now, Simulation? simulation = null)
    {
        var timestamp = Timestamps.Format(now);
        var order = new Order
        {
            Id = Ids.NewOrderId(),
            Aliases = [.. command.Aliases],
            Customer = command.Customer,
            Recipient = command.Recipient,
            LineItems = command.LineItems.Select((l, i) => LineItemMerger.Create(l, timestamp, FieldPath.Of("lineItems")[i])).ToList(),
            Payments = PaymentMerge.Apply(null, command.Payments, FieldPath.Of("payments")),
            Taxes = command.Taxes,
            Discounts = command.Discounts,
            TotalPrice = command.TotalPrice is null ? null : new OrderTotal { Value = command.TotalPrice },
            OrderLinks = [.. command.OrderLinks],
            ShopperIdentity = command.ShopperIdentity,
            Metadata = new OrderMetadata
            {
                CreatedAt = timestamp,
                UpdatedAt = timestamp,
                ExecutionState = ExecutionState.Parse(command.DesiredExecutionState) ?? ExecutionStates.NotStarted,
            },
        };
        LineItemMerger.ResolveDeliveryGroups(order);
        var change = new Change(order.Link(), now, simulation);
        change.CreatedLineItems.AddRange(order.LineItems);
        change.Record(EventTypes.OrderConfirmed);
        OrderInvariants.Check(order);
        Fulfillment.EnsurePackages(change);
        return change.Finish()!;
    }
}

public static class ExecutionState
{
    public static string? Parse(string? requested) => requested switch
    {
        null => null,
        ExecutionStates.NotStarted or ExecutionStates.Started => requested,
        _ => throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("desiredExecutionState"),
            $"must be {ExecutionStates.NotStarted} or {ExecutionStates.Started}, got '{requested}'."),
    };

    /// <summary>Fulfilment can be started once; a started order never goes back to NOT_STARTED.</summary>
    public static void Apply(Change change, string? requested)
    {
        var next = Parse(requested);
        var metadata = change.Order.Metadata;
        if (next is null || next == metadata.ExecutionState) return;
        if (metadata.ExecutionState == ExecutionStates.Started)
            throw BwpException.Validation(ErrorCodes.InvalidExecutionStateTransition, FieldPath.Of("desiredExecutionState"),
                $"order {change.Order.Id} has already STARTED fulfillment and cannot go back to {next}.");
        metadata.ExecutionState = next;
    }
}
