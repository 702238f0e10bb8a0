using BwpOrders.Domain;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BwpOrders.Server.Auth;

/// <summary>
/// The JWT handler the bearer scheme validates with, remembering the tokens it found valid: a client sends the same
/// token for 15 minutes, and checking its signature and claims again on every request was most of the cost of a
/// small query. A remembered token is still checked against the clock on every use (the same lifetime rule, so an
/// expired token is refused at once), and the revocation check in <see cref="AccessGuard"/> runs as before.
/// Invalid tokens are never remembered.
/// </summary>
public sealed class CachingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    private readonly ExpiringCache<string, TokenValidationResult> _valid = new(clock, TimeSpan.FromMinutes(1));

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters parameters)
    {
        if (_valid.TryGet(token, out var known) && known.SecurityToken is { } jwt
            && parameters.LifetimeValidator?.Invoke(jwt.ValidFrom, jwt.ValidTo, jwt, parameters) == true)
            return known;
        var result = await base.ValidateTokenAsync(token, parameters);
        if (result.IsValid)
        {
            _ = result.ClaimsIdentity; // built lazily: build it now, before requests share it
            _valid.Set(token, result);
        }
        return result;
    }
}
