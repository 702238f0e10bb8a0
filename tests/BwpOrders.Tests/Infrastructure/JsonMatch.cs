using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// Compares a response with the shape and values the docs show. Objects must have exactly the expected keys,
/// arrays the expected elements in order, numbers equal as decimals. Expected strings of the form
/// <c>&lt;name&gt;</c> are placeholders: <c>&lt;timestamp&gt;</c> is any ISO-8601 UTC time (with or without milliseconds), <c>&lt;id&gt;</c> any
/// non-empty string, and any other name the value bound to it in <c>bindings</c> (server-assigned ids).
/// </summary>
public static partial class JsonMatch
{
    public static void Assert(string expectedJson, JsonNode? actual, IReadOnlyDictionary<string, string>? bindings = null)
    {
        var expected = JsonNode.Parse(expectedJson);
        var problem = Compare(expected, actual, "$", bindings ?? new Dictionary<string, string>());
        if (problem is not null)
            throw new Xunit.Sdk.XunitException($"{problem}\nactual: {actual?.ToJsonString(new JsonSerializerOptions { WriteIndented = true })}");
    }

    private static string? Compare(JsonNode? expected, JsonNode? actual, string path, IReadOnlyDictionary<string, string> bindings)
    {
        switch (expected)
        {
            case null:
                return actual is null ? null : $"{path}: expected null, got {actual.ToJsonString()}";
            case JsonObject eo:
                if (actual is not JsonObject ao) return $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}";
                var missing = eo.Select(p => p.Key).Except(ao.Select(p => p.Key)).ToList();
                var extra = ao.Select(p => p.Key).Except(eo.Select(p => p.Key)).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                    return $"{path}: keys differ (missing: [{string.Join(", ", missing)}], unexpected: [{string.Join(", ", extra)}])";
                foreach (var (key, value) in eo)
                    if (Compare(value, ao[key], $"{path}.{key}", bindings) is { } p) return p;
                return null;
            case JsonArray ea:
                if (actual is not JsonArray aa) return $"{path}: expected an array, got {actual?.ToJsonString() ?? "null"}";
                if (ea.Count != aa.Count) return $"{path}: expected {ea.Count} elements, got {aa.Count}";
                for (var i = 0; i < ea.Count; i++)
                    if (Compare(ea[i], aa[i], $"{path}[{i}]", bindings) is { } p) return p;
                return null;
            default:
                return CompareValue(expected.AsValue(), actual, path, bindings);
        }
    }

    /// <summary>A name in angle brackets; markup such as the docs' <c>&lt;h2&gt;…&lt;/h2&gt;</c> descriptions is a value.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^<[A-Za-z][\w-]*>$")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    private static string? CompareValue(JsonValue expected, JsonNode? actual, string path, IReadOnlyDictionary<string, string> bindings)
    {
        if (expected.GetValueKind() == JsonValueKind.String)
        {
            var text = expected.GetValue<string>();
            var actualText = actual is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (Placeholder().IsMatch(text))
            {
                var name = text[1..^1];
                if (name == "timestamp")
                    return actualText is not null && DateTimeOffset.TryParseExact(actualText, ["yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                        ? null : $"{path}: expected an ISO-8601 UTC timestamp, got {actual?.ToJsonString() ?? "null"}";
                if (name == "id")
                    return string.IsNullOrEmpty(actualText) ? $"{path}: expected an id, got {actual?.ToJsonString() ?? "null"}" : null;
                text = bindings.TryGetValue(name, out var bound) ? bound : throw new ArgumentException($"no binding for <{name}>");
            }
            return actualText == text ? null : $"{path}: expected \"{text}\", got {actual?.ToJsonString() ?? "null"}";
        }
        if (expected.GetValueKind() == JsonValueKind.Number)
        {
            return actual is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.GetValue<decimal>() == expected.GetValue<decimal>()
                ? null : $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}";
        }
        return JsonNode.DeepEquals(expected, actual) ? null : $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}";
    }
}
