using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary><c>POST /token</c>: the OAuth 2.0 client-credentials exchange, and its RFC 6749 errors.</summary>
public sealed class TokenEndpointTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly string _target = "bp-" + Guid.NewGuid();

    [Fact]
    public async Task Form_body_exchange_returns_a_15_minute_bearer_token_that_works()
    {
        var issued = await server.Credentials.CreateAsync(_target, Scopes.Orders);
        using var response = await Post(Form(("grant_type", "client_credentials"), ("client_id", issued.Credential.ClientId), ("client_secret", issued.ClientSecret)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["access_token", "token_type", "expires_in"], body.Select(p => p.Key));
        Assert.Equal("Bearer", (string?)body["token_type"]);
        Assert.Equal(900, (int)body["expires_in"]!);
        var query = await server.Api.Send(_target, null, "{ __typename }", bearer: (string)body["access_token"]!);
        query.AssertSuccess();
    }

    [Fact]
    public async Task Json_body_and_http_basic_are_accepted_too()
    {
        var issued = await server.Credentials.CreateAsync(_target, Scopes.Orders);
        var json = new JsonObject { ["grant_type"] = "client_credentials", ["client_id"] = issued.Credential.ClientId, ["client_secret"] = issued.ClientSecret };
        using var fromJson = await Post(new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, fromJson.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = Form(("grant_type", "client_credentials")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{issued.Credential.ClientId}:{issued.ClientSecret}")));
        using var fromBasic = await server.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, fromBasic.StatusCode);
    }

    public static TheoryData<string, int, string> BadRequests => new()
    {
        { "client_id=x&client_secret=y", 400, "invalid_request" },
        { "grant_type=password&client_id=x&client_secret=y", 400, "unsupported_grant_type" },
        { "grant_type=client_credentials&client_id=x", 400, "invalid_request" },
        { "grant_type=client_credentials&client_id=unknown-client&client_secret=whatever", 401, "invalid_client" },
        { "grant_type=client_credentials&grant_type=client_credentials&client_id=x&client_secret=y", 400, "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Malformed_or_unknown_requests_get_rfc_6749_errors(string form, int status, string error)
    {
        using var response = await Post(new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertOAuthError(response, status, error);
    }

    [Fact]
    public async Task Wrong_secret_and_revoked_credential_are_invalid_client()
    {
        var issued = await server.Credentials.CreateAsync(_target, Scopes.Orders);
        using var wrong = await Post(Form(("grant_type", "client_credentials"), ("client_id", issued.Credential.ClientId), ("client_secret", issued.ClientSecret + "x")));
        await AssertOAuthError(wrong, 401, "invalid_client");

        Assert.True(await server.Credentials.RevokeAsync(issued.Credential.ClientId));
        using var revoked = await Post(Form(("grant_type", "client_credentials"), ("client_id", issued.Credential.ClientId), ("client_secret", issued.ClientSecret)));
        await AssertOAuthError(revoked, 401, "invalid_client");
    }

    [Fact]
    public async Task Body_that_is_neither_form_nor_json_is_invalid_request()
    {
        using var response = await Post(new StringContent("grant_type=client_credentials", Encoding.UTF8, "text/plain"));
        await AssertOAuthError(response, 400, "invalid_request");
    }

    /// <summary>
    /// An unknown client costs the same secret hashing as a wrong secret, so response time does not tell
    /// whether a client id exists. Compared as medians with wide bounds: a missing decoy hash would be ~100x faster.
    /// The two kinds of request alternate, so both see the same load (measured one kind after the other, a busy
    /// moment of the machine could fall on one side only).
    /// </summary>
    [Fact]
    public async Task Unknown_client_and_wrong_secret_take_comparable_time()
    {
        var issued = await server.Credentials.CreateAsync(_target, Scopes.Orders);
        var wrongSecret = new List<double>();
        var unknownClient = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            wrongSecret.Add(await Milliseconds(Form(("grant_type", "client_credentials"), ("client_id", issued.Credential.ClientId), ("client_secret", "wrong"))));
            unknownClient.Add(await Milliseconds(Form(("grant_type", "client_credentials"), ("client_id", "bwp-client-nobody"), ("client_secret", "wrong"))));
        }

        Assert.InRange(Median(unknownClient) / Median(wrongSecret), 0.33, 3.0);
    }

    private async Task<double> Milliseconds(HttpContent content)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await Post(content);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return elapsed;
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    private Task<HttpResponseMessage> Post(HttpContent content) => server.Api.Http.PostAsync("/token", content);

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task AssertOAuthError(HttpResponseMessage response, int status, string error)
    {
        Assert.Equal(status, (int)response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(error, (string?)body["error"]);
        Assert.False(string.IsNullOrEmpty((string?)body["error_description"]));
        Assert.Null(body["access_token"]);
    }
}
