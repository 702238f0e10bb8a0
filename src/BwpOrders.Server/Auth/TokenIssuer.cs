using System.Security.Claims;
using BwpOrders.Domain.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BwpOrders.Server.Auth;

/// <summary>Issues and describes the signed bearer tokens (JWT, HS256) that the token endpoint hands out.</summary>
public sealed class TokenIssuer(SigningKey key, TimeProvider clock)
{
    public const string Issuer = "bwp-orders";
    public const string Audience = "bwp-orders-api";
    public const string ClientIdClaim = "client_id";
    public const string TargetClaim = "target_id";
    public const string ScopeClaim = "scope";

    /// <summary>BwP access tokens live 15 minutes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public string Issue(Credential credential)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, credential.ClientId),
            new(ClientIdClaim, credential.ClientId),
            new(TargetClaim, credential.TargetId),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(credential.Scopes.Select(s => new Claim(ScopeClaim, s)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(5),
        RequireExpirationTime = true,
        NameClaimType = ClientIdClaim,
        // Lifetime is checked against the injected clock, so tests can expire a token without waiting; and no token
        // lives longer than this server issues them for, whatever its claims say.
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return notBefore is not null && expires is not null && expires - notBefore <= Lifetime
                   && notBefore <= now + parameters.ClockSkew && now < expires + parameters.ClockSkew;
        },
    };
}

/// <summary>The HMAC key shared by every server process on one store.</summary>
public sealed record SigningKey(SymmetricSecurityKey Key)
{
    public static SigningKey From(byte[] bytes) => new(new SymmetricSecurityKey(bytes) { KeyId = "bwp-orders-1" });
}
