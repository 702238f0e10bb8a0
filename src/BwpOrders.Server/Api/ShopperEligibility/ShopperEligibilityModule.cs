using BwpOrders.Domain.Checkout;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.ShopperEligibility;

/// <summary>BwP's shopper identity check, part of its Delivery Preview pages: shopperBwPEligibility, in every version.</summary>
public sealed class ShopperEligibilityModule : IApiModule
{
    public IEnumerable<string> Sdl(ApiVersion version, bool production) =>
        version.ShopperIdentity == ShopperIdentityInput.IdpToken
            ? ["ShopperEligibility/Sdl/eligibility.graphql", "ShopperEligibility/Sdl/idp-token.graphql"]
            : ["ShopperEligibility/Sdl/eligibility.graphql"];

    public IReadOnlyDictionary<string, string[]> Scopes { get; } = new Dictionary<string, string[]>
    {
        ["shopperBwPEligibility"] = [Domain.Access.Scopes.ShopperEligibility],
    };

    public void Configure(SchemaBuilder builder, ApiVersion version) => builder
        .Map<Shopper>("ShopperBwPEligibility", "bwpEligibilityStatus", s => s.EligibilityStatus)
        .Root("Query", "shopperBwPEligibility", ShopperEligibilityOperations.Eligibility(version), ShopperEligibilityOperations.Paths);
}
