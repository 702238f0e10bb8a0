using System.Net;
using System.Net.Sockets;

namespace BwpOrders.Server.Events;

/// <summary>
/// Which hosts webhooks and OAuth token endpoints may target. Checked when a subscription or auth profile is made
/// (the URL) and again on every connection (the addresses the name resolves to then), so a name that later
/// resolves elsewhere (DNS rebinding) cannot reach what the policy forbids. Cloud metadata and other link-local
/// addresses are never reachable.
/// </summary>
public sealed class DestinationPolicy(EventSettings settings, bool production)
{
    private readonly string[] _allowedHosts = settings.AllowedWebhookHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(h => h.ToLowerInvariant()).ToArray();

    public bool AllowLoopback => settings.AllowLoopback ?? !production;

    /// <summary>What is wrong with a URL a merchant gave ("must use https", ...), or null when it may be used.</summary>
    public string? Problem(string? url)
    {
        if (url is null || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
            return "must be an absolute https URL without credentials";
        var host = uri.IdnHost.ToLowerInvariant();
        var loopback = IsLoopbackName(host);
        if (uri.Scheme == "http" && !(loopback && AllowLoopback))
            return "must use https (http only to a loopback address, in the sandbox)";
        if (_allowedHosts.Length > 0 && !loopback && !_allowedHosts.Any(a => a == host || a.StartsWith("*.") && host.EndsWith(a[1..])))
            return $"must name a host this server may call (Events:AllowedWebhookHosts); '{host}' is not one";
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && Refusal(address) is { } why) return $"must not point at {address}: {why}";
        if (loopback && !AllowLoopback) return "must not be a loopback address here (Events:AllowLoopback)";
        return null;
    }

    /// <summary>Why an address may not be connected to, or null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return AllowLoopback ? null : "loopback addresses are not allowed here (Events:AllowLoopback)";
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            if (bytes[0] == 169 && bytes[1] == 254) return "link-local and cloud metadata addresses are never allowed";
            if (bytes[0] == 100 && bytes[1] == 100 && bytes[2] == 100 && bytes[3] == 200) return "cloud metadata addresses are never allowed";
            if (bytes[0] == 0 || bytes[0] >= 224) return "that address cannot be a webhook";
            var privateNetwork = bytes[0] == 10 || bytes[0] == 172 && bytes[1] is >= 16 and <= 31 || bytes[0] == 192 && bytes[1] == 168
                                 || bytes[0] == 100 && bytes[1] is >= 64 and <= 127;
            return privateNetwork && !settings.AllowPrivateNetworks ? "private network addresses are not allowed (Events:AllowPrivateNetworks)" : null;
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6Any)) return "link-local addresses are never allowed";
        if (bytes[0] == 0xfd && bytes[1] == 0x00 && bytes[2] == 0x0e && bytes[3] == 0xc2) return "cloud metadata addresses are never allowed";
        if ((bytes[0] & 0xfe) == 0xfc) return settings.AllowPrivateNetworks ? null : "private network addresses are not allowed (Events:AllowPrivateNetworks)";
        return null;
    }

    private static bool IsLoopbackName(string host) =>
        host is "localhost" || host.EndsWith(".localhost") || IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
}
