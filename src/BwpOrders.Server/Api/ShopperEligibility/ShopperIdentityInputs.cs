using BwpOrders.Domain;
using BwpOrders.Domain.Checkout;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.ShopperEligibility;

/// <summary>
/// Reads an <c>IdentityTokenInput</c> as each version shapes it (shopperBwPEligibility, deliveryPreview, createOrder):
/// 2024-04-01 on, an <c>lwaAccessToken {value}</c> or an <c>apayCheckoutSessionId {value, externalId}</c> (2024-11-01
/// lists the older fields as "No longer supported", so they are refused rather than ignored); 2024-01-01, an
/// <c>idPToken</c> with its <c>identityProvider</c> (LWA or APAY).
/// </summary>
public static class ShopperIdentityInputs
{
    private static readonly string[] Retired = ["externalId", "idPToken", "idPTokenType", "identityProvider"];

    /// <summary>The sandbox shopper the token names; <paramref name="at"/> is where the input sits in the command.</summary>
    public static Shopper Shopper(Input identity, ApiVersion version, FieldPath at)
    {
        var (kind, token, where) = Token(identity, version, at);
        return SandboxShoppers.Identify(kind, token, where);
    }

    private static (ShopperTokenKind Kind, string Token, FieldPath Where) Token(Input identity, ApiVersion version, FieldPath at)
    {
        if (version.ShopperIdentity == ShopperIdentityInput.IdpToken)
        {
            var provider = identity.String("identityProvider");
            var token = identity.String("idPToken");
            if (token is null || provider is null)
                throw BwpException.Validation(ErrorCodes.InvalidInput, at, "give the shopper's idPToken and its identityProvider (LWA or APAY).");
            return (provider == "LWA" ? ShopperTokenKind.LwaAccessToken : ShopperTokenKind.ApayCheckoutSession, token, at.Field("idPToken"));
        }
        foreach (var retired in Retired)
            if (identity.String(retired) is not null)
                throw BwpException.Validation(ErrorCodes.InvalidInput, at.Field(retired),
                    "this field is no longer supported: identify the shopper with lwaAccessToken {value} or apayCheckoutSessionId {value, externalId}.");
        var lwa = identity.Object("lwaAccessToken");
        var apay = identity.Object("apayCheckoutSessionId");
        if (lwa.IsNull == apay.IsNull)
            throw BwpException.Validation(ErrorCodes.InvalidInput, at,
                version.ShopperIdentity == ShopperIdentityInput.ApayOnly
                    ? "give the shopper's apayCheckoutSessionId {value, externalId}."
                    : "give exactly one of lwaAccessToken {value} or apayCheckoutSessionId {value, externalId}.");
        return lwa.IsNull
            ? (ShopperTokenKind.ApayCheckoutSession, apay.String("value") ?? "", at.Field("apayCheckoutSessionId.value"))
            : (ShopperTokenKind.LwaAccessToken, lwa.String("value") ?? "", at.Field("lwaAccessToken.value"));
    }
}
