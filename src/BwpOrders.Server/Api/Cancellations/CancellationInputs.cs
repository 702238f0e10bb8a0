using BwpOrders.Domain.Commands;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.Cancellations;

/// <summary>cancelOrder's input (every version's field names) as a domain command.</summary>
public static class CancellationInputs
{
    public static CancelOrderCommand Cancel(OrderLookup order, Input input) => new()
    {
        Order = order,
        Reason = input.String("reason"),
        AdditionalComments = input.String("additionalComments"),
        Aliases = input.List("aliases", OrderInputs.Alias),
    };
}
