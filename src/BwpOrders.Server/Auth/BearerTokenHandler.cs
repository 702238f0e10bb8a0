using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BwpOrders.Server.Auth;

public sealed class BearerTokenOptions : AuthenticationSchemeOptions
{
    public TokenValidationParameters ValidationParameters { get; set; } = new();
    public CachingTokenHandler TokenHandler { get; set; } = new(TimeProvider.System);
}

/// <summary>
/// The bearer scheme: <c>Authorization: Bearer TOKEN</c>, validated by <see cref="CachingTokenHandler"/>
/// (Microsoft.IdentityModel's JWT handler). In place of the JwtBearer package's handler, which on every request
/// copies its validation parameters, builds event contexts and formats the token's times into the ticket's
/// properties; none of that is used here, and on a small query it cost as much as the rest of authentication.
/// Failures are answered by <see cref="AccessGuard"/> in BwP's error shape, so this handler never writes a response.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<BearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header.AsSpan(Prefix.Length).Trim();
        if (token.IsEmpty) return AuthenticateResult.NoResult();
        var result = await Options.TokenHandler.ValidateTokenAsync(token.ToString(), Options.ValidationParameters);
        return result.IsValid
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(result.ClaimsIdentity), SchemeName))
            : AuthenticateResult.Fail(result.Exception ?? new SecurityTokenValidationException("invalid token"));
    }
}
