using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// The requests of ../shared/seeds, copied verbatim into Seeds/. A test may substitute only the ids the
/// server assigns (order, line item, refund and return ids), exactly as a merchant would paste in theirs.
/// </summary>
public static class Seeds
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Seeds");

    public static string Request(string name, IReadOnlyDictionary<string, string>? serverIds = null) =>
        Substitute(File.ReadAllText(Path.Combine(Folder, name + ".graphql")), serverIds);

    public static JsonObject Variables(string name, IReadOnlyDictionary<string, string>? serverIds = null) =>
        JsonNode.Parse(Substitute(File.ReadAllText(Path.Combine(Folder, name + ".variables.json")), serverIds))!.AsObject();

    /// <summary>Replaces each quoted doc id (e.g. <c>"123-4567-8910"</c>) with the id the server assigned.</summary>
    private static string Substitute(string text, IReadOnlyDictionary<string, string>? serverIds)
    {
        foreach (var (docId, actual) in serverIds ?? new Dictionary<string, string>())
        {
            var quoted = $"\"{docId}\"";
            if (!text.Contains(quoted)) throw new ArgumentException($"the seed does not contain {quoted}");
            text = text.Replace(quoted, $"\"{actual}\"");
        }
        return text;
    }
}

public static class SeedSelections
{
    /// <summary>
    /// The selection set under <c>order</c> in a seed's updateOrder payload, so the test can read the order
    /// back with the <c>order</c> query selecting exactly what the mutation answered.
    /// </summary>
    public static string OrderSelection(string request)
    {
        var match = System.Text.RegularExpressions.Regex.Match(request, @"\)\s*\{\s*order\s*\{");
        if (!match.Success) throw new ArgumentException("the seed does not select order { ... }");
        var start = match.Index + match.Length;
        var depth = 1;
        for (var i = start; i < request.Length; i++)
        {
            depth += request[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0) return request[start..i];
        }
        throw new ArgumentException("unbalanced braces in seed");
    }
}
