using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>An answer as a plain HttpClient sees it: status, headers (Retry-After, x-request-id) and the JSON body.</summary>
public sealed record RawAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, JsonObject Body)
{
    public string RequestId => Headers.GetValues("x-request-id").Single();

    /// <summary>Exactly one error of BwP's shape with this type (and code); its message.</summary>
    public string AssertError(HttpStatusCode status, string type, string? code)
    {
        Assert.Equal(status, Status);
        var classification = Body["errors"]!.AsArray().Single()!["extensions"]!["classification"]!;
        Assert.Equal(type, (string?)classification["type"]);
        Assert.Equal(code, (string?)classification["code"]);
        return (string)Body["errors"]![0]!["message"]!;
    }
}

/// <summary>The fault-injection side of a test: rules through /control/v1/faults, GraphQL requests through a plain HttpClient.</summary>
public sealed class FaultClient(ApiClient api, TokenSource tokens, string target)
{
    public string Target => target;

    /// <summary>Adds a rule; returns its id.</summary>
    public async Task<string> Add(JsonObject rule)
    {
        var (status, body) = await api.Control(HttpMethod.Post, "/faults", target, rule);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return (string)body["id"]!;
    }

    public async Task<JsonObject> List()
    {
        var (status, body) = await api.Control(HttpMethod.Get, "/faults", target);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body.AsObject();
    }

    public async Task<JsonObject> Rule(string id) => (await List())["faults"]!.AsArray().Single(r => (string?)r!["id"] == id)!.AsObject();

    public async Task Clear() => Assert.Equal(HttpStatusCode.OK, (await api.Control(HttpMethod.Delete, "/faults", target)).Status);

    /// <summary>A GraphQL POST as any HTTP client sends it, optionally with <c>x-bwp-fault</c>.</summary>
    public async Task<RawAnswer> Send(string version, string query, JsonObject? variables = null, string? fault = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables?.DeepClone() }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        request.Headers.Add("x-api-target-id", target);
        request.Headers.Add("x-api-version", version);
        if (fault is not null) request.Headers.TryAddWithoutValidation("x-bwp-fault", fault);
        using var response = await api.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new RawAnswer(response.StatusCode, response.Headers, JsonNode.Parse(text)?.AsObject() ?? throw new Xunit.Sdk.XunitException($"not JSON: {text}"));
    }

    private Task<string> TokenAsync() => tokens.ForTarget(target);
}
