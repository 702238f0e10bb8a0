using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BwpOrders.Domain.Checkout;

/// <summary>How a shopper identified themself: a Login with Amazon access token or an Amazon Pay checkout session.</summary>
public enum ShopperTokenKind
{
    LwaAccessToken,
    ApayCheckoutSession,
}

/// <summary>A shopper BwP recognised from an identity token, and whether they are a Prime member.</summary>
public sealed record Shopper(string ShopperId, bool IsPrime)
{
    /// <summary>How <c>bwpEligibilityStatus</c> says it.</summary>
    public string EligibilityStatus => IsPrime ? "PRIME" : "NON_PRIME";
}

/// <summary>
/// BwP's sandbox shoppers: "In the Buy with Prime sandbox environment, you must use one of the following" mock tokens
/// (manage-shopper-identity), each base64 of <c>{"type": ..., "value": ...}</c>. The page prints the Prime LWA token
/// for the non-Prime LWA shopper too; the value it evidently means is accepted, with or without base64 padding.
/// Any other token is refused as BwP refuses it (<c>InvalidIdpToken</c>).
/// </summary>
public static class SandboxShoppers
{
    private static readonly Dictionary<(ShopperTokenKind, string), bool> Tokens = new()
    {
        [(ShopperTokenKind.LwaAccessToken, "sandbox-mocked-test-prime-shopper-access-token")] = true,
        [(ShopperTokenKind.LwaAccessToken, "sandbox-mocked-test-non-prime-shopper-access-token")] = false,
        [(ShopperTokenKind.ApayCheckoutSession, "sandbox-mocked-test-prime-shopper-checkout-session-id")] = true,
        [(ShopperTokenKind.ApayCheckoutSession, "sandbox-mocked-test-non-prime-shopper-checkout-session-id")] = false,
    };

    private static readonly Dictionary<ShopperTokenKind, string> TokenTypes = new()
    {
        [ShopperTokenKind.LwaAccessToken] = "ACCESS_TOKEN",
        [ShopperTokenKind.ApayCheckoutSession] = "CHECKOUT_SESSION_ID",
    };

    public static readonly Shopper PrimeMember = new(ShopperIdOf("prime"), true);
    public static readonly Shopper NonPrimeShopper = new(ShopperIdOf("non-prime"), false);

    /// <summary>The sandbox shopper <paramref name="token"/> stands for, or the <c>InvalidIdpToken</c> error.</summary>
    public static Shopper Identify(ShopperTokenKind kind, string token, FieldPath where)
    {
        var value = Decode(token);
        if (value is { } decoded && decoded.Type == TokenTypes[kind] && Tokens.TryGetValue((kind, decoded.Value), out var prime))
            return prime ? PrimeMember : NonPrimeShopper;
        throw BwpException.Validation(ErrorCodes.InvalidIdpToken, where,
            $"the identity token is not valid. In the sandbox, use one of BwP's sandbox {(kind == ShopperTokenKind.LwaAccessToken ? "Login with Amazon access tokens" : "Amazon Pay checkout session ids")} (README, Testing your checkout).");
    }

    /// <summary>The sandbox shopper an order's identity names (its LWA token, else its Amazon Pay session), or null when it names none BwP knows.</summary>
    public static Shopper? Of(Model.ShopperIdentity? identity)
    {
        try
        {
            return identity switch
            {
                { LwaAccessToken: { } lwa } => Identify(ShopperTokenKind.LwaAccessToken, lwa, FieldPath.Of("shopperIdentity")),
                { ApayCheckoutSessionId: { } apay } => Identify(ShopperTokenKind.ApayCheckoutSession, apay, FieldPath.Of("shopperIdentity")),
                _ => null,
            };
        }
        catch (BwpException)
        {
            return null; // an unknown token is no sandbox shopper
        }
    }

    private static (string Type, string Value)? Decode(string token)
    {
        try
        {
            var padded = token.Trim().PadRight((token.Trim().Length + 3) / 4 * 4, '=');
            using var json = JsonDocument.Parse(Convert.FromBase64String(padded));
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
                && json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
                ? (type.GetString()!, value.GetString()!) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A stable shopper id shaped like BwP's (<c>amzn.96847-4c5999512e-bbc26-a-621492042ca</c>).</summary>
    private static string ShopperIdOf(string persona)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("bwp-sandbox-shopper:" + persona)));
        return $"amzn.{hex[..5]}-{hex[5..15]}-{hex[15..20]}-a-{hex[20..35]}";
    }
}
