using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Api.Orders;

/// <summary>The Order interface's root resolvers.</summary>
public static class OrderOperations
{
    public static async Task<object?> Create(IResolveFieldContext ctx, RequestContext request) =>
        new OrderResponse(await request.Orders.CreateAsync(request.TargetId, OrderInputs.Create(ctx.Argument("input")), ctx.CancellationToken));

    /// <summary>
    /// <c>order(orderIdentifier: {orderId | alias})</c> (2024-01-01: <c>{orderId | orderAlias}</c>, and its deprecated
    /// <c>orderId</c> argument answered as no longer supported).
    /// </summary>
    public static async Task<object?> GetByIdentifier(IResolveFieldContext ctx, RequestContext request)
    {
        if (request.Snapshot is { } snapshot) return snapshot;
        if (ctx.HasArgument("orderId"))
            throw BwpException.Validation(ErrorCodes.InvalidInput,
                "order: the orderId argument is no longer supported; pass orderIdentifier: {orderId: \"...\"} (or {orderAlias: {...}}) instead.");
        var identifier = ctx.Argument("orderIdentifier");
        if (identifier.IsNull)
            throw BwpException.Validation(ErrorCodes.InvalidInput, "order: pass orderIdentifier: {orderId: \"...\"} or {orderAlias: {aliasType, aliasId}}.");
        return await request.Orders.GetAsync(request.TargetId, OrderInputs.Lookup(identifier, "orderIdentifier"), ctx.CancellationToken);
    }

    /// <summary>2024-11-01 <c>updateOrder(orderIdentifier: {orderId | alias}, input: {...})</c>.</summary>
    public static async Task<object?> UpdateByIdentifier(IResolveFieldContext ctx, RequestContext request)
    {
        var lookup = OrderInputs.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
        return new OrderResponse(await request.Orders.UpdateAsync(request.TargetId, OrderInputs.Update(lookup, ctx.Argument("input")), ctx.CancellationToken));
    }

    /// <summary>2024-01-01 and 2024-04-01 <c>updateOrder(input: {orderId, ...})</c>: orderId is the BwP id or any alias id.</summary>
    public static async Task<object?> UpdateByInputOrderId(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var lookup = new OrderLookup(IdOrAliasId: input.String("orderId"));
        return new OrderResponse(await request.Orders.UpdateAsync(request.TargetId, OrderInputs.Update(lookup, input), ctx.CancellationToken));
    }
}
