using System.Text;
using System.Text.Json;
using BwpOrders.Domain.Access;
using Microsoft.Extensions.Primitives;

namespace BwpOrders.Server.Auth;

/// <summary>
/// OAuth 2.0 client-credentials exchange (RFC 6749 §4.4) at <c>POST /token</c>. Accepts the client id and
/// secret in a form body, a JSON body or HTTP Basic; answers BwP's token shape or an RFC 6749 §5.2 error.
/// </summary>
public sealed class TokenEndpoint(CredentialService credentials, TokenIssuer issuer, ILogger<TokenEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var form = await ReadParametersAsync(http.Request);
        if (form is null) return Error(400, "invalid_request", "Send grant_type, client_id and client_secret as a form (or JSON) body.");
        var grantType = form.GetValueOrDefault("grant_type");
        if (string.IsNullOrEmpty(grantType)) return Error(400, "invalid_request", "grant_type is required.");
        if (grantType != "client_credentials") return Error(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");

        var (clientId, clientSecret) = BasicCredentials(http.Request) ?? (form.GetValueOrDefault("client_id"), form.GetValueOrDefault("client_secret"));
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
            return Error(400, "invalid_request", "client_id and client_secret are required.");

        var credential = await credentials.AuthenticateAsync(clientId, clientSecret, http.RequestAborted);
        if (credential is null)
        {
            logger.LogInformation("Token request refused for an unknown, revoked or wrongly authenticated client");
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"bwp-orders\"";
            return Error(401, "invalid_client", "Client authentication failed.");
        }
        logger.LogInformation("Issued a token to {ClientId} for target {TargetId}", credential.ClientId, credential.TargetId);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = issuer.Issue(credential),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenIssuer.Lifetime.TotalSeconds,
        });
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static async Task<Dictionary<string, string?>?> ReadParametersAsync(HttpRequest request)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                return form.ToDictionary(f => f.Key, f => Single(f.Value));
            }
            if (request.HasJsonContentType())
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
                return document.RootElement.EnumerateObject()
                    .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null);
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or BadHttpRequestException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>A parameter given more than once is invalid (RFC 6749 §3.2); treat it as missing.</summary>
    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    private static (string?, string?)? BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
