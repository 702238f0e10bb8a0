using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

public sealed record GraphQLResponse(HttpStatusCode Status, JsonObject Body, string ContentType)
{
    public JsonNode? Data => Body["data"];
    public JsonArray Errors => Body["errors"] as JsonArray ?? [];

    public GraphQLResponse AssertSuccess()
    {
        Assert.True(Status == HttpStatusCode.OK && Errors.Count == 0, $"expected success, got {(int)Status}: {Body.ToJsonString()}");
        return this;
    }

    /// <summary>Asserts exactly one error with the given BwP type (and code) and returns it.</summary>
    public JsonObject AssertError(string type, string? code = null)
    {
        Assert.True(Errors.Count == 1, $"expected one error, got: {Body.ToJsonString()}");
        var error = Errors[0]!.AsObject();
        var classification = error["extensions"]?["classification"]?.AsObject();
        Assert.NotNull(classification);
        Assert.Equal(type, (string?)classification["type"]);
        if (code is not null) Assert.Equal(code, (string?)classification["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(|\.cs:line|Exception:", (string?)error["message"]); // never a stack trace
        return error;
    }
}

/// <summary>
/// Talks to the server the way a merchant integration does: JSON over HTTP with BwP headers and a bearer
/// token. Unless a test passes its own <c>bearer</c> ("" for none), the token of the target is used.
/// </summary>
public sealed class ApiClient(HttpClient http, Func<string, Task<string>>? tokenFor = null)
{
    public const string V2024_01_01 = "2024-01-01";
    public const string V2024_04_01 = "2024-04-01";
    public const string V2024_11_01 = "2024-11-01";

    public HttpClient Http { get; } = http;

    public Task<GraphQLResponse> Send(string target, string? version, string query, JsonObject? variables = null, string? operationName = null, string? bearer = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null) body["variables"] = variables;
        if (operationName is not null) body["operationName"] = operationName;
        return SendRaw(target, version, body.ToJsonString(), bearer: bearer);
    }

    public async Task<GraphQLResponse> SendRaw(string? target, string? version, string body, string contentType = "application/json", string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await Execute(request, target, version, bearer);
    }

    /// <summary>A call to the control API (<c>/control/v1/...</c>) with the target's token; the body is JSON or nothing.</summary>
    public async Task<(HttpStatusCode Status, JsonNode Body)> Control(HttpMethod method, string path, string target, JsonNode? body = null, string? version = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, "/control/v1" + path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        bearer ??= tokenFor is not null ? await tokenFor(target) : null;
        if (!string.IsNullOrEmpty(bearer)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Add("x-api-target-id", target);
        if (version is not null) request.Headers.Add("x-api-version", version);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!); // 204: no body
    }

    public async Task<GraphQLResponse> Get(string target, string? version, string query, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        return await Execute(request, target, version, bearer);
    }

    private async Task<GraphQLResponse> Execute(HttpRequestMessage request, string? target, string? version, string? bearer)
    {
        bearer ??= target is not null && tokenFor is not null ? await tokenFor(target) : null;
        if (!string.IsNullOrEmpty(bearer)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (target is not null) request.Headers.Add("x-api-target-id", target);
        if (version is not null) request.Headers.Add("x-api-version", version);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(text) as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a JSON object: {text}");
        return new GraphQLResponse(response.StatusCode, json, response.Content.Headers.ContentType?.MediaType ?? "");
    }
}
