using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Api.ShopperEligibility;

/// <summary>shopperBwPEligibility's root resolver.</summary>
public static class ShopperEligibilityOperations
{
    /// <summary>Errors name the argument itself (<c>identityToken.lwaAccessToken.value</c>).</summary>
    public static readonly InputPaths Paths = InputPaths.Domain;

    /// <summary>Every version: <c>shopperBwPEligibility(identityToken:)</c>, the shopper's id and whether they are a Prime member.</summary>
    public static Func<IResolveFieldContext, RequestContext, Task<object?>> Eligibility(ApiVersion version) => (ctx, _) =>
        Task.FromResult<object?>(ShopperIdentityInputs.Shopper(ctx.Argument("identityToken"), version, FieldPath.Of("identityToken")));
}
