using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// Requests copied verbatim from BwP's documentation into a folder of the test project. A test may substitute
/// only the ids the server assigns (order, line item, refund and return ids), exactly as a merchant would paste in
/// theirs.
/// </summary>
public sealed class VerbatimRequests(string folder)
{
    private readonly string _folder = Path.Combine(AppContext.BaseDirectory, folder);

    public string Request(string name, IReadOnlyDictionary<string, string>? serverIds = null) =>
        Substitute(File.ReadAllText(Path.Combine(_folder, name + ".graphql")), serverIds);

    /// <summary>
    /// A guide's request: its code blocks open with a caption line (<c>// GraphQL mutation</c>), which is not GraphQL;
    /// what follows is sent as printed.
    /// </summary>
    public string GuideRequest(string name, IReadOnlyDictionary<string, string>? serverIds = null) =>
        string.Join('\n', Request(name, serverIds).Split('\n').Where(line => !line.TrimStart().StartsWith("//")));

    /// <summary>A request the stored page cut off (<c>.graphql.partial</c>): the part that was seen.</summary>
    public string PartialRequest(string name, IReadOnlyDictionary<string, string>? serverIds = null) =>
        Substitute(File.ReadAllText(Path.Combine(_folder, name + ".graphql.partial")), serverIds);

    // One guide page prints its variables with a trailing comma; read them as a lenient client would.
    public JsonObject Variables(string name, IReadOnlyDictionary<string, string>? serverIds = null) =>
        JsonNode.Parse(Substitute(File.ReadAllText(Path.Combine(_folder, name + ".variables.json")), serverIds),
            documentOptions: new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true })!.AsObject();

    /// <summary>The documented response, with the doc's ids replaced by the server's.</summary>
    public string Response(string name, IReadOnlyDictionary<string, string>? serverIds = null) =>
        Substitute(File.ReadAllText(Path.Combine(_folder, name + ".response.json")), serverIds);

    /// <summary>Replaces each quoted doc id (e.g. <c>"123-4567-8910"</c>) with the id the server assigned.</summary>
    private static string Substitute(string text, IReadOnlyDictionary<string, string>? serverIds)
    {
        foreach (var (docId, actual) in serverIds ?? new Dictionary<string, string>())
        {
            var quoted = $"\"{docId}\"";
            if (!text.Contains(quoted)) throw new ArgumentException($"the document does not contain {quoted}");
            text = text.Replace(quoted, $"\"{actual}\"");
        }
        return text;
    }
}

/// <summary>The requests of ../shared/seeds, copied verbatim into Seeds/.</summary>
public static class Seeds
{
    private static readonly VerbatimRequests Files = new("Seeds");

    public static string Request(string name, IReadOnlyDictionary<string, string>? serverIds = null) => Files.Request(name, serverIds);

    public static JsonObject Variables(string name, IReadOnlyDictionary<string, string>? serverIds = null) => Files.Variables(name, serverIds);
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
