using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Api.ReversalOffers;

/// <summary>reversalOffers' and generateReversalOffers' root resolver.</summary>
public static class ReversalOfferOperations
{
    /// <summary><c>reversalOffers</c> (2024-04-01, 2024-11-01) and <c>generateReversalOffers</c> (2024-01-01).</summary>
    public static async Task<object?> ReversalOffers(IResolveFieldContext ctx, RequestContext request) =>
        await request.Orders.ReversalOffersAsync(request.TargetId, ReversalOfferInputs.ReversalItems(ctx.Argument("reversalOffersInput")), ctx.CancellationToken);
}
