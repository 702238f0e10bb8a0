using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Api.Cancellations;

/// <summary>cancelOrder's root resolvers.</summary>
public static class CancellationOperations
{
    /// <summary>2024-11-01 <c>cancelOrder(orderIdentifier:, input:)</c>; <c>input</c> is optional.</summary>
    public static async Task<object?> Cancel(IResolveFieldContext ctx, RequestContext request)
    {
        var lookup = OrderInputs.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
        return new { Cancellation = await request.Orders.CancelAsync(request.TargetId, CancellationInputs.Cancel(lookup, ctx.Argument("input")), ctx.CancellationToken) };
    }

    /// <summary>2024-04-01 <c>cancelOrder(input: {orderIdentifier, ...})</c>.</summary>
    public static async Task<object?> CancelByInput(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var lookup = OrderInputs.Lookup(input.Object("orderIdentifier"), "input.orderIdentifier");
        return new { Cancellation = await request.Orders.CancelAsync(request.TargetId, CancellationInputs.Cancel(lookup, input), ctx.CancellationToken) };
    }
}
