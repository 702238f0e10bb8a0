using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BwpOrders.Packaging.Tests;

/// <summary>A merchant's client of a running BwpOrders (binary, tool or container): tokens and 2024-11-01 GraphQL.</summary>
public sealed class MerchantApi(Uri baseAddress) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task<string> TokenAsync(string clientId, string clientSecret)
    {
        using var response = await Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, $"token: {(int)response.StatusCode} {body}");
        return (string)body!["access_token"]!;
    }

    /// <summary>A 2024-11-01 GraphQL request that must succeed; its <c>data</c>.</summary>
    public async Task<JsonNode> GraphQLAsync(string token, string target, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("x-api-target-id", target);
        request.Headers.Add("x-api-version", "2024-11-01");
        using var response = await Http.SendAsync(request);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK && body["errors"] is null, $"{query}\n→ {(int)response.StatusCode} {body.ToJsonString()}");
        return body["data"]!;
    }

    /// <summary>/explorer answers its GraphiQL page and the script it names: the bundle travels inside the package.</summary>
    public async Task AssertExplorerServedAsync()
    {
        var page = await Http.GetStringAsync("/explorer");
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script[^>]*src=\"(/explorer/[^\"]+\\.js)\"");
        Assert.True(script.Success, "/explorer names no bundled script (built without its assets?):\n" + page);
        using var response = await Http.GetAsync(script.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose() => Http.Dispose();
}
