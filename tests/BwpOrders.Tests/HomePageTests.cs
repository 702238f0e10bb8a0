using System.Net;
using System.Text.RegularExpressions;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary><c>GET /</c> is a page saying what the server offers, every link of which answers.</summary>
public sealed partial class HomePageTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_root_is_a_page_whose_links_all_answer()
    {
        using var response = await server.Api.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        var links = Links().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("/explorer", links);
        Assert.Contains($"/schema/{ApiClient.V2024_11_01}.graphql", links);
        foreach (var link in links)
        {
            using var target = await server.Api.Http.GetAsync(link);
            Assert.True(target.StatusCode == HttpStatusCode.OK, $"{link}: {(int)target.StatusCode}");
        }
    }

    [GeneratedRegex("href=\"(/[^\"]*)\"")]
    private static partial Regex Links();
}
