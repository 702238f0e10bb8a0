using System.Security.Claims;

namespace BwpOrders.Server.Auth;

/// <summary>The authenticated caller of a request, read from its validated token.</summary>
public sealed record Caller(string ClientId, string TargetId, IReadOnlySet<string> Scopes)
{
    // A remembered token (see CachingTokenHandler) hands every request the same identity: read its claims once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClaimsIdentity, Caller> Known = new();

    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identities.Count() != 1 || principal.Identity is not ClaimsIdentity identity) return Read(principal);
        if (Known.TryGetValue(identity, out var known)) return known;
        var caller = Read(principal);
        if (caller is not null) Known.AddOrUpdate(identity, caller);
        return caller;
    }

    private static Caller? Read(ClaimsPrincipal? principal)
    {
        var clientId = principal?.FindFirst(TokenIssuer.ClientIdClaim)?.Value;
        var target = principal?.FindFirst(TokenIssuer.TargetClaim)?.Value;
        if (clientId is null || target is null) return null;
        return new Caller(clientId, target, principal!.FindAll(TokenIssuer.ScopeClaim).Select(c => c.Value).ToHashSet());
    }
}
