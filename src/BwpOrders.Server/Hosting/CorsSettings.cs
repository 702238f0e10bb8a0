namespace BwpOrders.Server.Hosting;

/// <summary>
/// Which browser origins may call the server (configuration section "Cors", e.g.
/// <c>Cors__AllowedOrigins__0=https://studio.apollographql.com</c>), so GraphiQL, Apollo Sandbox or Altair served
/// from elsewhere can reach it. Empty by default: no CORS headers at all, as BwP's API sends none.
/// </summary>
public sealed class CorsSettings
{
    /// <summary>The request headers BwP's clients send; a preflight asking for others is not allowed them.</summary>
    public static readonly string[] AllowedHeaders = ["authorization", "content-type", "x-api-target-id", "x-api-version"];

    /// <summary>Exact origins (<c>scheme://host[:port]</c>, http or https): no wildcard, no path.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public bool Enabled => AllowedOrigins.Length > 0;

    /// <summary>
    /// Fails the start on anything but an exact origin, naming it: a wildcard would let every page a sandbox user
    /// opens send requests with their token, and a path or query is never part of an Origin header, so it could only
    /// be a typo that silently matches nothing.
    /// </summary>
    public void Check() => _ = Origins();

    /// <summary>The allowed origins as browsers send them (lower case, no default port, no trailing slash).</summary>
    public string[] Origins() => AllowedOrigins.Select((origin, i) =>
    {
        var ok = Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !origin.Contains('*')
                 && uri.UserInfo.Length == 0 && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0;
        return ok ? uri!.GetLeftPart(UriPartial.Authority) : throw new ArgumentException(
            $"Cors:AllowedOrigins:{i} must be an origin such as https://studio.example or http://localhost:5173 " +
            $"(http or https, no path, no wildcard), not '{origin}'.");
    }).ToArray();
}
