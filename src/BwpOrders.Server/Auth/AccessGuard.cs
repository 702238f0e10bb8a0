using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace BwpOrders.Server.Auth;

/// <summary>A request refused before execution, with the HTTP status and BwP error it is answered with.</summary>
public sealed class RequestRejected(int status, ErrorKind kind, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public ErrorKind Kind { get; } = kind;
    public string Code { get; } = code;
}

/// <summary>
/// Decides who is calling: a valid, unexpired bearer token of a credential that is still active (revocation
/// takes effect within <see cref="RevocationCheckInterval"/>), acting on the target its token was issued for. A token
/// is only as good as its credential: its target must be the credential's and its scopes among the credential's, so a
/// token signed with the store's key but claiming more (another target, more scopes) is refused like a forged one.
/// </summary>
public sealed class AccessGuard(ICredentialStore credentials, TimeProvider clock)
{
    public static readonly TimeSpan RevocationCheckInterval = TimeSpan.FromSeconds(2);
    private readonly ExpiringCache<string, Credential?> _credentials = new(clock, RevocationCheckInterval);

    public async Task<Caller> AuthenticateAsync(HttpContext http)
    {
        // The authentication middleware has already run the bearer scheme (the rate limiter partitions by its caller).
        var result = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult
            ?? await http.AuthenticateAsync(BearerTokenHandler.SchemeName);
        var caller = result.Succeeded ? Caller.From(result.Principal) : null;
        if (caller is null || !IsBackedBy(caller, await ActiveCredentialAsync(caller.ClientId, http.RequestAborted)))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            throw new RequestRejected(401, ErrorKind.AccessDenied, "InvalidToken",
                "A valid access token is required: send Authorization: Bearer TOKEN, with a token from POST /token (tokens expire after 15 minutes).");
        }
        http.User = result.Principal!;
        return caller;
    }

    public const string TargetHeader = "x-api-target-id";
    private const int MaxTargetIdLength = 128;

    /// <summary>The target (tenant) the request names in <c>x-api-target-id</c>.</summary>
    public static string ReadTarget(HttpRequest request)
    {
        var target = request.Headers[TargetHeader].ToString();
        if (target.Length == 0 || target.Length > MaxTargetIdLength || target.Any(char.IsControl))
            throw new RequestRejected(400, ErrorKind.Validation, "MissingTargetId",
                $"The {TargetHeader} header is required and must name your target (1-{MaxTargetIdLength} printable characters).");
        return target;
    }

    /// <summary>A valid token for the target the request names, with the scope the operation needs.</summary>
    public async Task<(Caller Caller, string Target)> AuthorizeAsync(HttpContext http, string scope, string operation)
    {
        var caller = await AuthenticateAsync(http);
        var target = ReadTarget(http.Request);
        CheckTarget(caller, target);
        CheckScope(caller, scope, operation);
        return (caller, target);
    }

    /// <summary>
    /// A caller held without a token (a console session): its credential must still be active and back it, as a
    /// token's must, and it must have the scope the operation needs.
    /// </summary>
    public async Task AuthorizeAsync(Caller caller, string scope, string operation, CancellationToken ct)
    {
        if (!IsBackedBy(caller, await ActiveCredentialAsync(caller.ClientId, ct)))
            throw new RequestRejected(401, ErrorKind.AccessDenied, "InvalidCredential",
                "This credential was revoked or changed since you signed in: sign in again with an active client id and secret.");
        CheckScope(caller, scope, operation);
    }

    /// <summary>The token decides the target; naming another one is denied without saying anything about it.</summary>
    public static void CheckTarget(Caller caller, string target)
    {
        if (!string.Equals(caller.TargetId, target, StringComparison.Ordinal))
            throw new RequestRejected(403, ErrorKind.AccessDenied, "TargetNotAllowed",
                "Access denied: the access token is not valid for the target in x-api-target-id.");
    }

    public static void CheckScope(Caller caller, string scope, string operation)
    {
        if (!caller.Scopes.Contains(scope))
            throw new RequestRejected(403, ErrorKind.AccessDenied, "MissingScope",
                $"Access denied: {operation} needs the '{scope}' scope, which this credential does not have.");
    }

    /// <summary>The token claims nothing its credential does not have.</summary>
    private static bool IsBackedBy(Caller caller, Credential? credential) =>
        credential is not null && string.Equals(caller.TargetId, credential.TargetId, StringComparison.Ordinal) && caller.Scopes.All(credential.Scopes.Contains);

    /// <summary>The credential if it exists and is not revoked, as the store had it at most <see cref="RevocationCheckInterval"/> ago.</summary>
    private async Task<Credential?> ActiveCredentialAsync(string clientId, CancellationToken ct)
    {
        if (_credentials.TryGet(clientId, out var known)) return known;
        var credential = await credentials.FindAsync(clientId, ct) is { IsRevoked: false } found ? found : null;
        _credentials.Set(clientId, credential);
        return credential;
    }
}
