using System.Net;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// GraphQL over HTTP: graphql-http's audit (every MUST, SHOULD and MAY of the spec) against a real server in every
/// version, plus the content negotiation it relies on.
/// </summary>
public sealed class GraphQLOverHttpTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Target = "bp-graphql-http";

    [NodeTheory]
    [InlineData(ApiClient.V2024_01_01)]
    [InlineData(ApiClient.V2024_04_01)]
    [InlineData(ApiClient.V2024_11_01)]
    public async Task The_graphql_http_audit_passes_every_check(string version)
    {
        var (exitCode, output) = await E2e.RunAsync("graphql-http-audit.mjs", server, Target, version);

        Assert.True(exitCode == 0, output);
        Assert.Contains("graphql-http audit: 61/61 passed", output);
    }

    [Theory]
    [InlineData("application/graphql-response+json", "application/graphql-response+json", HttpStatusCode.BadRequest)]
    [InlineData("application/json", "application/json", HttpStatusCode.OK)]
    [InlineData("application/json, application/graphql-response+json;q=0.9", "application/json", HttpStatusCode.OK)]
    [InlineData("*/*", "application/json", HttpStatusCode.OK)]
    [InlineData(null, "application/json", HttpStatusCode.OK)]
    public async Task A_request_error_is_400_only_for_graphql_response_json(string? accept, string mediaType, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ order(orderIdentifier: { orderId: \"x\" }) { noSuchField } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Add("x-api-target-id", Target);
        request.Headers.Authorization = new("Bearer", await server.Tokens.ForTarget(Target));
        using var response = await server.Api.Http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("\"data\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""[{"query":"{ __typename }"},{"query":"{ __typename }"}]""")]
    [InlineData(" \n [ ]")]
    public async Task A_batch_is_refused_saying_batching_is_not_supported(string body)
    {
        var (status, error) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BatchingNotSupported", (string?)error["extensions"]!["classification"]!["code"]);
        Assert.Contains("one operation per request", (string?)error["message"]);
    }

    [Fact]
    public async Task A_persisted_query_hash_gets_the_conventional_not_supported_error()
    {
        // What Apollo's persisted-queries link sends first; on this answer it sends the whole query instead.
        const string hash = """{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38"}}}""";
        var (status, error) = await PostAsync(hash);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("PersistedQueryNotSupported", (string?)error["message"]);
        Assert.Equal("PersistedQueryNotSupported", (string?)error["extensions"]!["classification"]!["code"]);

        // With the query sent along, the hash is ignored and the query runs.
        var (withQuery, _) = await PostAsync(hash.Insert(1, "\"query\":\"{ __typename }\","));
        Assert.Equal(HttpStatusCode.OK, withQuery);
    }

    private async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Error)> PostAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-target-id", Target);
        request.Headers.Authorization = new("Bearer", await server.Tokens.ForTarget(Target));
        using var response = await server.Api.Http.SendAsync(request);
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (response.StatusCode, answer["errors"]?[0] ?? answer);
    }
}
