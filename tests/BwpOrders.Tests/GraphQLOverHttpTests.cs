using System.Diagnostics;
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
        var token = await server.Tokens.ForTarget(Target);
        var info = new ProcessStartInfo("node", "graphql-http-audit.mjs")
        {
            WorkingDirectory = E2e.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["BWP_URL"] = new Uri(server.BaseAddress, "/graphql").ToString(),
                ["BWP_TOKEN"] = token,
                ["BWP_TARGET"] = Target,
                ["BWP_VERSION"] = version,
            },
        };
        using var node = Process.Start(info)!;
        var output = await node.StandardOutput.ReadToEndAsync() + await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();

        Assert.True(node.ExitCode == 0, output);
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

/// <summary>The JS test tools in tests/e2e (installed by ./test.sh with npm ci).</summary>
public static class E2e
{
    public static readonly string? FolderOrNull = FindFolder();

    public static string Folder => FolderOrNull ?? throw new InvalidOperationException("tests/e2e not found");

    public static bool Installed => FolderOrNull is not null && Directory.Exists(Path.Combine(FolderOrNull, "node_modules")) && NodeOnPath();

    private static string? FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "e2e");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        return null;
    }

    private static bool NodeOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "node")));
}

/// <summary>A test that needs Node.js and tests/e2e's packages; skipped, saying how to run it, when they are missing.</summary>
public sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute()
    {
        if (!E2e.Installed) Skip = "needs Node.js and tests/e2e's packages: run ./test.sh (it runs npm ci there)";
    }
}
