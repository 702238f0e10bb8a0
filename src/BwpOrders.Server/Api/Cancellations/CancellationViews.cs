using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Cancellations;

/// <summary>How cancellations show.</summary>
public static class CancellationViews
{
    /// <summary>Every version: a line item's cancellations.</summary>
    public static SchemaBuilder Cancellations(this SchemaBuilder builder) => builder
        .Map<LineItem>("LineItem", "cancellations", l => l.Order?.Cancellations.Where(c => c.AmountOf(l.Id) > 0).ToList() is { Count: > 0 } found
            ? new { Details = found }
            : null)
        .Map<Cancellation>("CancellationDetails", "canceledFor", c => new { OrderLineItems = c.CanceledFor })
        .Map<Cancellation>("CancellationDetails", "refundDetails", (c, ctx) =>
            c.RefundIds.Select(id => ctx.Ancestor<LineItem>()?.Order?.FindRefund(id)).OfType<Refund>())
        .Map<Cancellation>("CancellationRequestDetails", "canceledFor", c => new { OrderLineItems = c.CanceledFor });
}
