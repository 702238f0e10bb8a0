using BwpOrders.Domain;
using BwpOrders.Server.Auth;
using Microsoft.Extensions.Primitives;

namespace BwpOrders.Server.Faults;

/// <summary>
/// <c>x-bwp-fault</c>: a one-off fault for the request carrying it. Grammar: <c>KIND *(";" NAME "=" VALUE)</c>, spaces
/// allowed around each part; KIND is a request fault's name (ThrottlingError, ConflictError, InternalServerError,
/// Timeout, Latency, DropConnection), the parameters are <c>latencyMs</c> (Latency: required) and
/// <c>retryAfterSeconds</c> (ThrottlingError: optional, default 1). Anything else is refused with a 400.
/// </summary>
public static class FaultHeader
{
    public const string Name = "x-bwp-fault";

    /// <summary>The fault the header asks for; null without the header.</summary>
    /// <exception cref="RequestRejected">A malformed value: 400 ValidationError InvalidFaultHeader.</exception>
    public static FaultSpec? Parse(StringValues values)
    {
        if (values.Count == 0) return null;
        if (values.Count > 1) throw Refused("send one x-bwp-fault header");
        var parts = values.ToString().Split(';').Select(p => p.Trim()).ToArray();
        try
        {
            var kind = FaultSpecReader.Kind(parts[0]);
            if (kind == FaultKind.DeliveryFailure) throw Refused("DeliveryFailure is a rule for webhook deliveries, not a request fault");
            var spec = new FaultSpec(kind);
            var retryAfterGiven = false;
            foreach (var parameter in parts.Skip(1))
            {
                var (name, value) = parameter.Split('=', 2) is [var n, var v] ? (n.Trim(), v.Trim()) : throw Refused($"'{Short(parameter)}' is not NAME=VALUE");
                spec = name switch
                {
                    "latencyMs" when spec.LatencyMs is null => spec with { LatencyMs = Number(name, value, 0, FaultSpecReader.MaxLatencyMs) },
                    "retryAfterSeconds" when !retryAfterGiven => spec with { RetryAfterSeconds = Number(name, value, 1, FaultSpecReader.MaxRetryAfterSeconds) },
                    _ => throw Refused($"unknown or repeated parameter '{Short(name)}'"),
                };
                retryAfterGiven |= name == "retryAfterSeconds";
            }
            return FaultSpecReader.Checked(spec, retryAfterGiven);
        }
        catch (BwpException e)
        {
            throw Refused(e.Message.TrimEnd('.'));
        }
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, null, out var n) && n >= min && n <= max
            ? n
            : throw Refused($"{name} must be a whole number from {min} to {max}");

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static RequestRejected Refused(string why) => new(400, ErrorKind.Validation, "InvalidFaultHeader",
        $"x-bwp-fault: {why}. Send KIND or KIND; NAME=VALUE, e.g. \"ThrottlingError; retryAfterSeconds=2\" or \"Latency; latencyMs=200\".");
}
