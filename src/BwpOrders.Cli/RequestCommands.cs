using System.CommandLine;
using System.Text.Json.Nodes;

namespace BwpOrders.Cli;

/// <summary>
/// <c>requests list|capture|clear</c>: a running server's request journal of a target (mirrors /control/v1/requests),
/// which lives in that server's memory. Prints the control API's JSON.
/// </summary>
public static class RequestCommands
{
    public static Command Build()
    {
        var server = new RunningServer();
        var filters = new[] { "field", "result", "first", "before" }
            .Select(name => new Option<string?>("--" + name) { Description = $"The {name} filter of GET /control/v1/requests" }).ToArray();
        var list = new Command("list", "The target's recent GraphQL requests, newest first: operation, root fields, result, error codes, latency, request id");
        foreach (var option in filters) list.Options.Add(option);
        list.SetAction((parse, ct) =>
        {
            var query = string.Join("&", filters.Where(o => parse.GetValue(o) is not null)
                .Select(o => $"{OptionNames.Field(o.Name)}={Uri.EscapeDataString(parse.GetValue(o)!)}"));
            return server.CallAsync(parse, HttpMethod.Get, "/requests" + (query.Length == 0 ? "" : "?" + query), null, ct);
        });

        var full = new Option<bool>("--full") { Description = "true: keep each request's query, variables and response for a while (sandbox); false: stop", Required = true };
        var capture = new Command("capture", "Turn full capture of the target's requests on or off") { full };
        capture.SetAction((parse, ct) => server.CallAsync(parse, HttpMethod.Put, "/requests/capture", new JsonObject { ["full"] = parse.GetValue(full) }, ct));

        var clear = new Command("clear", "Forget the target's journaled requests");
        clear.SetAction((parse, ct) => server.CallAsync(parse, HttpMethod.Delete, "/requests", null, ct));

        foreach (var command in new[] { list, capture, clear }) server.AddTo(command);
        return new Command("requests", "The request journal of a running server (mirrors /control/v1/requests)") { list, capture, clear };
    }
}
