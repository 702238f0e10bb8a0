using System.Net;

namespace BwpOrders.Server.Events;

/// <summary>
/// Which hosts webhooks and OAuth token endpoints may target. Checked when a subscription or auth profile is made
/// (the URL) and again on every connection (the addresses the name resolves to then), so a name that later
/// resolves elsewhere (DNS rebinding) cannot reach what the policy forbids. Addresses are judged by
/// <see cref="AddressRanges"/>: public ones are allowed, loopback where <see cref="AllowLoopback"/>, private networks
/// with AllowPrivateNetworks, and link-local, cloud metadata and other special-purpose addresses never.
/// </summary>
/// <param name="loopbackOnlyServer">
/// The server listens on loopback addresses only (a laptop): only then does the sandbox allow loopback destinations by
/// default, since on a shared server they would let every tenant call the host's own ports.
/// </param>
public sealed class DestinationPolicy(EventSettings settings, bool production, bool loopbackOnlyServer)
{
    private readonly string[] _allowedHosts = settings.AllowedWebhookHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(h => h.ToLowerInvariant()).ToArray();

    public bool AllowLoopback => settings.AllowLoopback ?? (!production && loopbackOnlyServer);

    /// <summary>What is wrong with a URL a merchant gave ("must use https", ...), or null when it may be used.</summary>
    public string? Problem(string? url)
    {
        if (url is null || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
            return "must be an absolute https URL without credentials";
        var host = uri.IdnHost.ToLowerInvariant().TrimEnd('.'); // "localhost." is localhost
        var loopback = IsLoopbackName(host);
        if (uri.Scheme == "http" && !(loopback && AllowLoopback))
            return "must use https (http only to a loopback address, where loopback destinations are allowed)";
        if (_allowedHosts.Length > 0 && !loopback && !_allowedHosts.Any(a => a == host || a.StartsWith("*.") && host.EndsWith(a[1..])))
            return $"must name a host this server may call (Events:AllowedWebhookHosts); '{host}' is not one";
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && Refusal(address) is { } why) return $"must not point at {address}: {why}";
        if (loopback && !AllowLoopback) return "must not be a loopback address here (Events:AllowLoopback)";
        return null;
    }

    /// <summary>Why an address may not be connected to, or null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        var (kind, what) = AddressRanges.Classify(address);
        return kind switch
        {
            AddressKind.Public => null,
            AddressKind.Loopback => AllowLoopback ? null : $"{what}, not allowed here (Events:AllowLoopback)",
            AddressKind.Private => settings.AllowPrivateNetworks ? null : $"{what}, not allowed (Events:AllowPrivateNetworks)",
            _ => $"{what}, never allowed",
        };
    }

    private static bool IsLoopbackName(string host) =>
        host is "localhost" || host.EndsWith(".localhost") || IPAddress.TryParse(host.Trim('[', ']'), out var ip) && AddressRanges.Classify(ip).Kind == AddressKind.Loopback;

    /// <summary>Whether every address of <paramref name="urls"/> (Kestrel's <c>--urls</c>, ';'-separated) is a loopback one.</summary>
    public static bool LoopbackOnly(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
    {
        // Kestrel's wildcards ("*", "+", "0.0.0.0", "[::]") listen everywhere; so does any other name or address.
        var host = Uri.TryCreate(url.Replace("://*", "://wildcard").Replace("://+", "://wildcard"), UriKind.Absolute, out var uri) ? uri.Host.Trim('[', ']') : "";
        return host == "localhost" || IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    });
}
