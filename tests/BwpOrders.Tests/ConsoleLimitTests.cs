using System.Net;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The console's pages are rate-limited as the API is, so a loop of page loads cannot load the store at will.</summary>
public sealed class ConsoleLimitTests(ConsoleLimitTests.Fixture fixture) : IClassFixture<ConsoleLimitTests.Fixture>
{
    public sealed class Fixture() : ServerFixtureWith(["--Limits:RequestsPerSecond=1", "--Limits:RequestBurst=3"]);

    [Fact]
    public async Task A_burst_of_page_loads_is_throttled_with_retry_after()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        while (statuses.Count < 30 && throttled is null)
        {
            var response = await fixture.Server.Api.Http.GetAsync("/console"); // the sign-in page: no redirect, one request each
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throttled = response;
            else response.Dispose();
        }

        Assert.NotNull(throttled);
        Assert.True(statuses.Count >= 4, $"the burst of 3 is allowed first: {string.Join(", ", statuses)}");
        Assert.InRange(int.Parse(throttled.Headers.GetValues("Retry-After").Single()), 1, 5);
        throttled.Dispose();
    }
}
