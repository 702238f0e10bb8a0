using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Server.Api;

namespace BwpOrders.Server.Faults;

/// <summary>
/// Reads <c>POST /control/v1/faults</c>'s body into a <see cref="FaultSpec"/>, refusing anything unknown or out of
/// range with a message saying what is wrong (a typo in a field name must not make a rule that matches everything).
/// </summary>
public static class FaultSpecReader
{
    public const int MaxLatencyMs = 120_000;
    public const int MaxRetryAfterSeconds = 3600;
    private const int MaxCount = 1_000_000;

    private static readonly HashSet<string> Known =
        ["error", "operation", "version", "orderId", "alias", "subscriptionId", "count", "probability", "seed", "latencyMs", "retryAfterSeconds"];

    public static FaultSpec Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Invalid("Send a JSON object: {\"operation\": \"updateOrder\", \"error\": \"ThrottlingError\", \"count\": 1}.");
        foreach (var property in body.EnumerateObject())
            if (!Known.Contains(property.Name)) throw Invalid($"Unknown field '{Short(property.Name)}'; known: {string.Join(", ", Known)}.");
        var kind = Kind(Text(body, "error", 40) ?? throw Invalid($"error is required: one of {string.Join(", ", Enum.GetNames<FaultKind>())}."));
        var spec = new FaultSpec(kind)
        {
            Operation = Text(body, "operation", 100),
            Version = Text(body, "version", 20) is { } v ? ApiVersion.Parse(v)?.Name ?? throw Invalid($"version '{Short(v)}' is not a supported API version.") : null,
            OrderId = Text(body, "orderId", 200),
            Alias = body.TryGetProperty("alias", out var alias) ? Alias(alias) : null,
            SubscriptionId = Text(body, "subscriptionId", 200),
            Count = Integer(body, "count", 1, MaxCount),
            Probability = Probability(body),
            Seed = Integer(body, "seed", int.MinValue, int.MaxValue) ?? FaultRule.DefaultSeed,
            LatencyMs = Integer(body, "latencyMs", 0, MaxLatencyMs),
            RetryAfterSeconds = Integer(body, "retryAfterSeconds", 1, MaxRetryAfterSeconds) ?? 1,
        };
        return Checked(spec, body.TryGetProperty("retryAfterSeconds", out _));
    }

    /// <summary>The rules between fields: which kind takes which, and what a kind needs.</summary>
    public static FaultSpec Checked(FaultSpec spec, bool retryAfterGiven)
    {
        if (spec.OrderId is not null && spec.Alias is not null) throw Invalid("Give orderId or alias, not both.");
        var delivery = spec.Kind == FaultKind.DeliveryFailure;
        if (delivery && (spec.Operation ?? spec.Version ?? spec.OrderId ?? (object?)spec.Alias) is not null)
            throw Invalid("A DeliveryFailure rule matches deliveries by subscriptionId: operation, version, orderId and alias are for request faults.");
        if (!delivery && spec.SubscriptionId is not null) throw Invalid("subscriptionId is for DeliveryFailure rules only.");
        if ((spec.Kind == FaultKind.Latency) != (spec.LatencyMs is not null))
            throw Invalid("latencyMs is required for Latency, and only for it.");
        if (retryAfterGiven && spec.Kind != FaultKind.ThrottlingError) throw Invalid("retryAfterSeconds is for ThrottlingError only.");
        return spec;
    }

    /// <summary>A kind by its exact name (no numbers, no lists, as Enum.Parse would take).</summary>
    public static FaultKind Kind(string name) => Enum.GetNames<FaultKind>().Contains(name)
        ? Enum.Parse<FaultKind>(name)
        : throw Invalid($"Unknown fault '{Short(name)}': one of {string.Join(", ", Enum.GetNames<FaultKind>())}.");

    private static FaultAlias Alias(JsonElement alias) =>
        alias.ValueKind == JsonValueKind.Object && Text(alias, "aliasType", 100) is { } type && Text(alias, "aliasId", 200) is { } id
            ? new FaultAlias(type, id)
            : throw Invalid("alias is {\"aliasType\": \"...\", \"aliasId\": \"...\"}.");

    private static string? Text(JsonElement body, string name, int max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && text.Length <= max
            ? text
            : throw Invalid($"{name} must be a string of 1 to {max} characters.");
    }

    private static int? Integer(JsonElement body, string name, int min, int max)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
            ? n
            : throw Invalid($"{name} must be a whole number from {min} to {max}.");
    }

    private static double? Probability(JsonElement body)
    {
        if (!body.TryGetProperty("probability", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.Number && value.GetDouble() is var p && p > 0 && p <= 1
            ? p
            : throw Invalid("probability must be a number with 0 < P <= 1.");
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "...";

    public static BwpException Invalid(string message) => BwpException.Validation(ErrorCodes.InvalidInput, message);
}
