using System.Security.Claims;

namespace BwpOrders.Server.Auth;

/// <summary>The authenticated caller of a request, read from its validated token.</summary>
public sealed record Caller(string ClientId, string TargetId, IReadOnlySet<string> Scopes)
{
    public static Caller? From(ClaimsPrincipal? principal)
    {
        var clientId = principal?.FindFirst(TokenIssuer.ClientIdClaim)?.Value;
        var target = principal?.FindFirst(TokenIssuer.TargetClaim)?.Value;
        if (clientId is null || target is null) return null;
        return new Caller(clientId, target, principal!.FindAll(TokenIssuer.ScopeClaim).Select(c => c.Value).ToHashSet());
    }
}
