using System.Net;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Cors:AllowedOrigins lets browser tools on listed origins call the server: preflights answer with the headers BwP's
/// clients send, answers expose x-request-id, and any other origin gets no CORS headers at all.
/// </summary>
public sealed class CorsTests : IClassFixture<CorsTests.Fixture>
{
    private const string Allowed = "https://studio.example";

    public sealed class Fixture() : ServerFixtureWith([.. ServerFixture.HighRateLimits, "--Cors:AllowedOrigins:0=https://Studio.example/",
        "--Cors:AllowedOrigins:1=http://localhost:5173"]);

    private readonly ServerFixture _server;
    public CorsTests(Fixture fixture) => _server = fixture.Server;

    internal static HttpRequestMessage Preflight(string origin, string headers = "authorization,content-type,x-api-target-id,x-api-version")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Theory]
    [InlineData(Allowed)]
    [InlineData("http://localhost:5173")]
    public async Task A_preflight_from_an_allowed_origin_allows_the_headers_BwP_clients_send(string origin)
    {
        using var response = await _server.Api.Http.SendAsync(Preflight(origin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(["authorization", "content-type", "x-api-target-id", "x-api-version"],
            Header(response, "Access-Control-Allow-Headers")!.Split(',').Select(h => h.Trim().ToLowerInvariant()).Order());
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods")!);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials")); // tokens travel in a header, never in cookies
    }

    [Fact]
    public async Task Another_origin_gets_no_CORS_headers_and_an_unlisted_header_is_not_allowed()
    {
        using var other = await _server.Api.Http.SendAsync(Preflight("https://evil.example"));
        Assert.Null(Header(other, "Access-Control-Allow-Origin"));

        // The answer lists only the allowed headers; a browser refuses a request with any other (the Fetch standard's check).
        using var odd = await _server.Api.Http.SendAsync(Preflight(Allowed, "authorization,x-forwarded-host"));
        Assert.DoesNotContain("x-forwarded-host", Header(odd, "Access-Control-Allow-Headers") ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_answer_to_an_allowed_origin_exposes_its_request_id_even_when_it_is_an_error()
    {
        foreach (var bearer in new[] { await _server.Tokens.ForTarget("bp-cors"), "not-a-token" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Origin", Allowed);
            request.Headers.Add("x-api-target-id", "bp-cors");
            request.Headers.Authorization = new("Bearer", bearer);
            using var response = await _server.Api.Http.SendAsync(request);

            Assert.Equal(Allowed, Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("x-request-id", Header(response, "Access-Control-Expose-Headers"));
            Assert.NotNull(Header(response, "x-request-id"));
        }
    }
}

/// <summary>Without Cors:AllowedOrigins the server sends no CORS headers (as BwP's API) and a preflight is not answered as one.</summary>
public sealed class CorsOffTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task No_origin_is_allowed_by_default()
    {
        using var response = await server.Api.Http.SendAsync(CorsTests.Preflight("https://studio.example"));

        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
