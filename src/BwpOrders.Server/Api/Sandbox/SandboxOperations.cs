using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Api.Sandbox;

/// <summary>The sandbox mutations' root resolvers.</summary>
public static class SandboxOperations
{
    /// <summary>2024-11-01 sandbox <c>updateOrderPackageInformation(orderIdentifier:, input:)</c>.</summary>
    public static async Task<object?> MovePackages(IResolveFieldContext ctx, RequestContext request)
    {
        var lookup = OrderInputs.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
        return new OrderResponse(await request.Orders.MovePackagesAsync(request.TargetId, lookup, SandboxInputs.PackageMoves(ctx.Argument("input")), ctx.CancellationToken));
    }

    /// <summary>2024-01-01 sandbox <c>updateOrderDeliveryInformation(input: {orderId, details})</c>.</summary>
    public static async Task<object?> MoveDeliveries(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        return new OrderResponse(await request.Orders.MovePackagesAsync(request.TargetId, new OrderLookup(IdOrAliasId: input.String("orderId")),
            SandboxInputs.PackageMoves(input), ctx.CancellationToken));
    }

    /// <summary>Sandbox <c>updateOrderReturns</c>: 2024-11-01 (orderIdentifier:, input: {returns}) or 2024-01-01 (input: {orderId, details}).</summary>
    public static async Task<object?> MoveReturns(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var identifier = ctx.Argument("orderIdentifier");
        var lookup = identifier.IsNull ? new OrderLookup(IdOrAliasId: input.String("orderId")) : OrderInputs.Lookup(identifier, "orderIdentifier");
        return new OrderResponse(await request.Orders.MoveReturnsAsync(request.TargetId, lookup, SandboxInputs.ReturnMoves(input), ctx.CancellationToken));
    }
}
