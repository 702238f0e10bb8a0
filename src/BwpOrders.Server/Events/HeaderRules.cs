namespace BwpOrders.Server.Events;

/// <summary>
/// RFC 9110's rules for the request headers a merchant configures (an OAuth profile's <c>headerParameters</c>) and
/// for header values a merchant's server hands back (an OAuth <c>access_token</c>): a name is a token; a value is
/// visible ASCII with inner spaces, never a control character (a CR or LF would end the header, or the whole request,
/// on the wire); and the framing and hop-by-hop headers, which decide how the bytes around them are read, and
/// Authorization, which this server sets from clientParameters, are not a merchant's to set (Content-Type is: BwP's
/// example sets it). Checked when a profile is stored and again when it is sent.
/// </summary>
public static class HeaderRules
{
    public const int MaxParameters = 50;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "TE", "Upgrade", "Trailer", "Expect",
        "Authorization",
    };

    /// <summary>What is wrong with a header name, or null when it may be sent.</summary>
    public static string? NameProblem(string name)
    {
        if (name.Length == 0 || !name.All(IsTokenChar))
            return "must be a header name: letters, digits and !#$%&'*+-.^_`|~ only (RFC 9110 token)";
        if (Reserved.Contains(name) || name.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase))
            return name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                ? "must not be Authorization: clientParameters are sent as HTTP Basic authorization"
                : $"must not be {name}: framing, hop-by-hop and proxy headers are set by this server";
        return null;
    }

    /// <summary>What is wrong with a header value, or null when it may be sent.</summary>
    public static string? ValueProblem(string value)
    {
        foreach (var c in value)
            if (c is not ('\t' or >= ' ' and <= '~'))
                return "must be printable ASCII: no line breaks, NUL or other control characters (RFC 9110 field value)";
        if (value.Length > 0 && (value[0] is ' ' or '\t' || value[^1] is ' ' or '\t'))
            return "must not start or end with spaces";
        return null;
    }

    /// <summary>A bearer token fit for <c>Authorization: Bearer</c>: visible ASCII, no spaces (RFC 6750).</summary>
    public static bool IsBearerToken(string token) => token.Length is > 0 and <= 16_384 && token.All(c => c is > ' ' and <= '~');

    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
