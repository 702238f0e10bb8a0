using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BwpOrders.Cli;

/// <summary>
/// Commands that ask a running server for what lives in its memory, not in the store (fault rules, the request
/// journal), through its control API: <c>--url</c> (BWP_URL), <c>--token</c> (BWP_TOKEN) and <c>--target-id</c>.
/// </summary>
internal sealed class RunningServer
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = "The server's address", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BWP_URL") ?? "http://127.0.0.1:8080",
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "A bearer token for the target (BWP_TOKEN)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BWP_TOKEN") ?? "",
    };

    public Option<string> Target { get; } = new("--target-id") { Description = "The target the call acts for", Required = true };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Url, Token, Target }) command.Options.Add(option);
    }

    /// <summary>Calls <c>/control/v1{path}</c>; prints the answer (an error to stderr) and exits 0 only on success.</summary>
    public async Task<int> CallAsync(ParseResult parse, HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(Url)!) };
        using var request = new HttpRequestMessage(method, "/control/v1" + path);
        if (parse.GetValue(Token) is { Length: > 0 } bearer) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Add("x-api-target-id", parse.GetValue(Target));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        (response.IsSuccessStatusCode ? Console.Out : Console.Error).WriteLine(answer);
        return response.IsSuccessStatusCode ? 0 : 1;
    }
}
