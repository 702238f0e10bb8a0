using System.Net;
using System.Net.Sockets;

namespace BwpOrders.Server.Events;

/// <summary>What an address is, for deciding whether BwP may call it (see <see cref="DestinationPolicy"/>).</summary>
public enum AddressKind
{
    /// <summary>Global unicast: a webhook anywhere on the internet.</summary>
    Public,
    /// <summary>This host: allowed only where loopback destinations are (a merchant's app on a laptop).</summary>
    Loopback,
    /// <summary>Not globally reachable but routable here (RFC 1918, CGNAT, ULA, ...): allowed only with AllowPrivateNetworks.</summary>
    Private,
    /// <summary>Never a destination: link-local and cloud metadata, multicast, documentation, reserved, unspecified.</summary>
    Never,
}

/// <summary>
/// IANA's IPv4 and IPv6 special-purpose address registries as a table. An IPv6 address that carries an IPv4 one
/// (IPv4-mapped, -translated and -compatible, NAT64, 6to4, Teredo) is judged by the IPv4 address it reaches, so no
/// spelling of a forbidden address passes; outside the table only global unicast (2000::/3) is public.
/// </summary>
public static class AddressRanges
{
    private static readonly (IPNetwork Range, AddressKind Kind, string What)[] Table =
    [
        // IPv4. More specific ranges first: the first match decides.
        (IPNetwork.Parse("100.100.100.200/32"), AddressKind.Never, "a cloud metadata address"),
        (IPNetwork.Parse("0.0.0.0/8"), AddressKind.Never, "the 'this network' range"),
        (IPNetwork.Parse("10.0.0.0/8"), AddressKind.Private, "a private network address"),
        (IPNetwork.Parse("100.64.0.0/10"), AddressKind.Private, "a shared (carrier-grade NAT) address"),
        (IPNetwork.Parse("127.0.0.0/8"), AddressKind.Loopback, "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), AddressKind.Never, "a link-local or cloud metadata address"),
        (IPNetwork.Parse("172.16.0.0/12"), AddressKind.Private, "a private network address"),
        (IPNetwork.Parse("192.0.0.0/24"), AddressKind.Private, "an IETF protocol assignment"),
        (IPNetwork.Parse("192.0.2.0/24"), AddressKind.Never, "a documentation address"),
        (IPNetwork.Parse("192.88.99.0/24"), AddressKind.Never, "the deprecated 6to4 relay anycast range"),
        (IPNetwork.Parse("192.168.0.0/16"), AddressKind.Private, "a private network address"),
        (IPNetwork.Parse("198.18.0.0/15"), AddressKind.Private, "a benchmarking address"),
        (IPNetwork.Parse("198.51.100.0/24"), AddressKind.Never, "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), AddressKind.Never, "a documentation address"),
        (IPNetwork.Parse("224.0.0.0/4"), AddressKind.Never, "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), AddressKind.Never, "a reserved or broadcast address"),
        // IPv6, once any IPv4 address it carries has been judged.
        (IPNetwork.Parse("::/128"), AddressKind.Never, "the unspecified address"),
        (IPNetwork.Parse("::1/128"), AddressKind.Loopback, "a loopback address"),
        (IPNetwork.Parse("fd00:ec2::254/128"), AddressKind.Never, "a cloud metadata address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressKind.Private, "a local-use NAT64 address"),
        (IPNetwork.Parse("100::/64"), AddressKind.Never, "a discard-only address"),
        (IPNetwork.Parse("2001:db8::/32"), AddressKind.Never, "a documentation address"),
        (IPNetwork.Parse("2001::/23"), AddressKind.Never, "an IETF protocol assignment"),
        (IPNetwork.Parse("3fff::/20"), AddressKind.Never, "a documentation address"),
        (IPNetwork.Parse("fc00::/7"), AddressKind.Private, "a unique local address"),
        (IPNetwork.Parse("fec0::/10"), AddressKind.Private, "a site-local address (deprecated)"),
        (IPNetwork.Parse("fe80::/10"), AddressKind.Never, "a link-local address"),
        (IPNetwork.Parse("ff00::/8"), AddressKind.Never, "a multicast address"),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>What <paramref name="address"/> is, and in words (for refusals).</summary>
    public static (AddressKind Kind, string What) Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.ScopeId != 0) address = new IPAddress(address.GetAddressBytes()); // a zone does not change the range
            if (EmbeddedIPv4(address) is { } carried)
            {
                var judged = Classify(carried);
                var own = Lookup(address);
                // The stricter of the two: 64:ff9b:1::/48 is local-use whatever it carries.
                return own is { } range && range.Kind > judged.Kind ? range : judged;
            }
        }
        if (Lookup(address) is { } found) return found;
        return address.AddressFamily == AddressFamily.InterNetwork || GlobalUnicast.Contains(address)
            ? (AddressKind.Public, "a public address")
            : (AddressKind.Never, "not a global unicast address");
    }

    private static (AddressKind Kind, string What)? Lookup(IPAddress address)
    {
        foreach (var (range, kind, what) in Table)
            if (range.BaseAddress.AddressFamily == address.AddressFamily && range.Contains(address)) return (kind, what);
        return null;
    }

    /// <summary>The IPv4 address an IPv6 address reaches, for the forms that carry one.</summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        bool Zero(int from, int to) { for (var i = from; i < to; i++) if (b[i] != 0) return false; return true; }
        IPAddress Last4() => new(b.AsSpan(12, 4));
        // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated)
        if (Zero(0, 10) && b[10] == 0xff && b[11] == 0xff || Zero(0, 8) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0) return Last4();
        // ::a.b.c.d (IPv4-compatible, deprecated); :: and ::1 are themselves
        if (Zero(0, 12) && !(Zero(12, 15) && b[15] <= 1)) return Last4();
        // 64:ff9b::/96 (NAT64) and 64:ff9b:1::/48 (local-use NAT64, the IPv4 address last as in a /96)
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && (Zero(4, 12) || b[4] == 0 && b[5] == 1)) return Last4();
        // 2002:AABB:CCDD::/48 (6to4)
        if (b[0] == 0x20 && b[1] == 0x02) return new IPAddress(b.AsSpan(2, 4));
        // 2001:0:server:flags:port:client (Teredo): the client's address, stored inverted
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) return new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]);
        return null;
    }
}
