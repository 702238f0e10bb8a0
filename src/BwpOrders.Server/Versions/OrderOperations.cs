using BwpOrders.Domain.Commands;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Versions;

/// <summary>Root resolvers that more than one version shares.</summary>
public static class OrderOperations
{
    public static async Task<object?> Create(IResolveFieldContext ctx, RequestContext request) =>
        new OrderResponse(await request.Orders.CreateAsync(request.TargetId, CommandMapper.Create(ctx.Argument("input")), ctx.CancellationToken));

    /// <summary><c>order(orderIdentifier: {orderId | alias})</c>.</summary>
    public static async Task<object?> GetByIdentifier(IResolveFieldContext ctx, RequestContext request) => request.Snapshot ??
        await request.Orders.GetAsync(request.TargetId, CommandMapper.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier"), ctx.CancellationToken);

    /// <summary>2024-01-01 and 2024-04-01 <c>updateOrder(input: {orderId, ...})</c>: orderId is the BwP id or any alias id.</summary>
    public static async Task<object?> UpdateByInputOrderId(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var lookup = new OrderLookup(IdOrAliasId: input.String("orderId"));
        return new OrderResponse(await request.Orders.UpdateAsync(request.TargetId, CommandMapper.Update(lookup, input), ctx.CancellationToken));
    }
}
