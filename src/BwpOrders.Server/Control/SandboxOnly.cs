using BwpOrders.Domain;
using BwpOrders.Server.Auth;

namespace BwpOrders.Server.Control;

/// <summary>
/// How a production server refuses the sandbox's test helpers (reset, snapshots, new targets, fault rules): one
/// answer for all, 403 AccessDeniedError SandboxOnly, given before the request is read, so nothing changes.
/// </summary>
public static class SandboxOnly
{
    public static RequestRejected Refusal(string what) =>
        new(403, ErrorKind.AccessDenied, "SandboxOnly", $"{what} exist only on a sandbox server; this one runs with --environment production.");
}
