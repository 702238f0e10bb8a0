using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Api;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>/explorer</c>: GraphiQL served from the server's own assembly, with a strict Content-Security-Policy, every file
/// it names on this origin, and the versions it offers taken from the server; in Chromium (tests/e2e/explorer.mjs),
/// with every other origin blocked, it runs a query in each version and passes axe-core.
/// </summary>
public sealed partial class ExplorerTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    internal static async Task<string> Page(HttpClient http)
    {
        using var response = await http.GetAsync("/explorer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = Header(response, "Content-Security-Policy")!;
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.Matches("script-src 'self';", csp); // no 'unsafe-inline' or 'unsafe-eval' for scripts
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("no-cache", Header(response, "Cache-Control"));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_page_is_html_under_a_strict_content_security_policy_with_no_inline_script()
    {
        var html = await Page(server.Api.Http);

        Assert.Contains("<title>BwpOrders explorer</title>", html);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("built without the explorer's assets", html); // the build had npm
    }

    [Fact]
    public async Task Every_file_the_page_names_is_on_this_origin_and_served_with_its_content_type()
    {
        var references = Reference().Matches(await Page(server.Api.Http)).Select(m => m.Groups["url"].Value).ToList();

        Assert.Equal(2, references.Count); // the bundle's script and stylesheet
        foreach (var url in references)
        {
            Assert.StartsWith("/explorer/", url); // a path on this origin: no scheme, no host, no //
            using var response = await server.Api.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(url.EndsWith(".js") ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Contains("immutable", Header(response, "Cache-Control")); // its name carries its content's hash
            if (url.EndsWith(".css")) Assert.DoesNotMatch(ExternalCssUrl(), await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_browser_that_accepts_gzip_gets_the_bundle_gzipped_at_build_time()
    {
        var script = Reference().Matches(await Page(server.Api.Http)).Select(m => m.Groups["url"].Value).Single(u => u.EndsWith(".js"));
        var plain = await server.Api.Http.GetByteArrayAsync(script);
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");

        using var response = await server.Api.Http.SendAsync(request);

        Assert.Equal("gzip", Header(response, "Content-Encoding"));
        Assert.Equal("Accept-Encoding", Header(response, "Vary"));
        await using var gzipped = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await gzipped.CopyToAsync(unzipped);
        Assert.Equal(plain, unzipped.ToArray());
        Assert.True(response.Content.Headers.ContentLength < plain.Length / 2, $"{response.Content.Headers.ContentLength} of {plain.Length} bytes");
    }

    [Fact]
    public async Task The_versions_offered_are_the_ones_the_server_serves()
    {
        var config = JsonNode.Parse(await server.Api.Http.GetStringAsync("/explorer/config.json"))!;

        Assert.Equal(ApiVersion.All.Select(v => v.Name), config["versions"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(ApiVersion.Latest.Name, (string?)config["latest"]);
    }

    [Theory]
    [InlineData("/explorer/nothing.js")]
    [InlineData("/explorer/..%2Fappsettings.json")]
    public async Task A_file_that_is_not_in_the_bundle_is_not_found(string url)
    {
        using var response = await server.Api.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [BrowserFact]
    public async Task In_Chromium_with_other_origins_blocked_it_runs_a_query_in_every_version_and_passes_axe()
    {
        var target = "bp-explorer-" + Guid.NewGuid().ToString("N")[..8];
        var credential = await server.Credentials.CreateAsync(target, Scopes.Orders); // the page's Get token button exchanges it

        var (exitCode, output) = await E2e.RunAsync("explorer.mjs", server, target, environment: new Dictionary<string, string>
        {
            ["BWP_CLIENT_ID"] = credential.Credential.ClientId,
            ["BWP_CLIENT_SECRET"] = credential.ClientSecret,
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains("explorer: every check held", output);
    }

    /// <summary>A script element with content (the page's only script is the bundle, named by src).</summary>
    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    /// <summary>What a script or stylesheet element loads.</summary>
    [GeneratedRegex("""<(?:script|link)\b[^>]*?\s(?:src|href)="(?<url>[^"]+)" """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Reference();

    /// <summary>A stylesheet import or url() of another origin (data: URLs are inside the file).</summary>
    [GeneratedRegex(@"@import|url\(\s*['""]?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalCssUrl();
}

/// <summary><c>serve --environment production</c> serves the explorer too: it is static and every request it sends needs a token.</summary>
public sealed class ProductionExplorerTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new() { Production = true };

    [Fact]
    public async Task A_production_server_serves_the_explorer() => await ExplorerTests.Page(_server.Api.Http);

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();
}
