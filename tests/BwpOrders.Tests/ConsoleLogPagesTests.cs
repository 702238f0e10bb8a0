using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>/console/requests</c> lists the target's GraphQL requests from the journal; <c>/console/events</c> its
/// subscriptions and failed deliveries, whose Redeliver sends the event again and comes back to the page.
/// </summary>
public sealed partial class ConsoleLogPagesTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    private ServerFixture Server => fixture.Server;
    private readonly string _target = "bp-console-logs-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_requests_page_lists_a_requests_root_field_result_and_request_id_newest_first()
    {
        var setup = new OrderSetup(Server.Api, _target);
        var order = await setup.Create();
        var read = await Server.Api.Send(_target, ApiClient.V2024_11_01, """query Mine($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }""",
            new JsonObject { ["id"] = order.Id }, operationName: "Mine");
        read.AssertSuccess();
        using var browser = await ConsoleBrowser.SignedIn(Server, _target, Scopes.Orders);

        var page = await Eventually(browser, "/console/requests", html => html.Contains("query Mine"));

        var row = Regex.Match(page, "<tr><td>[^<]+</td><td>query Mine \\(2024-11-01\\)</td><td>order</td><td><span class=\"state\">ok</span></td><td>200</td>");
        Assert.True(row.Success, page);
        Assert.True(page.IndexOf("query Mine", StringComparison.Ordinal) < page.IndexOf("createOrder", StringComparison.Ordinal)); // newest first
    }

    [Fact]
    public async Task Filtering_by_result_error_lists_only_the_failed_request_and_a_bad_filter_is_shown_with_400()
    {
        var faults = new FaultClient(Server.Api, Server.Tokens, _target);
        var ok = await faults.Send(ApiClient.V2024_11_01, "{ __typename }");
        var failed = await faults.Send(ApiClient.V2024_11_01, """{ order(orderIdentifier: { orderId: "no-such-order" }) { id } }""");
        Assert.NotNull(failed.Body["errors"]);
        using var browser = await ConsoleBrowser.SignedIn(Server, _target, Scopes.Orders);
        await Eventually(browser, "/console/requests", html => html.Contains(ok.RequestId) && html.Contains(failed.RequestId));

        var (status, page) = await browser.Get("/console/requests?result=error");
        var (badStatus, bad) = await browser.Get("/console/requests?result=maybe");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([failed.RequestId], RequestIds().Matches(page).Select(m => m.Groups[1].Value));
        Assert.Contains("<option value=\"error\" selected>error</option>", page); // the form shows the filter
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("result must be one of ok, error, refused.", bad);
        Assert.Contains("id=\"requests-result\"", bad); // the form, to correct it
    }

    [Fact]
    public async Task Paging_with_a_small_page_size_walks_every_matching_request_newest_first_without_repeats()
    {
        await new OrderSetup(Server.Api, _target).Create(); // a createOrder the field filter leaves out
        var faults = new FaultClient(Server.Api, Server.Tokens, _target);
        var reads = new List<string>();
        for (var i = 0; i < 5; i++)
            reads.Add((await faults.Send(ApiClient.V2024_11_01, """{ order(orderIdentifier: { orderId: "no-such-order" }) { id } }""")).RequestId);
        using var browser = await ConsoleBrowser.SignedIn(Server, _target, Scopes.Orders);
        await Eventually(browser, "/console/requests", html => reads.All(html.Contains));

        var seen = new List<string>();
        var pages = 0;
        for (var url = "/console/requests?field=order&first=2"; url is not null; pages++)
        {
            Assert.True(pages < 10, $"still paging at {url}");
            var (status, page) = await browser.Get(url);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(RequestIds().Matches(page).Select(m => m.Groups[1].Value));
            url = Older().Match(page) is { Success: true } older ? WebUtility.HtmlDecode(older.Groups[1].Value) : null;
        }

        Assert.Equal(Enumerable.Reverse(reads), seen);
        Assert.Equal(3, pages); // 2, 2 and 1
    }

    [Fact]
    public async Task The_events_page_shows_the_subscription_and_a_failed_delivery_whose_Redeliver_sends_it_again()
    {
        var path = $"/hooks/{_target}/failing";
        var subscription = await new EventSubscriber(Server.Api, _target).Webhook("ORDER_CONFIRMED", fixture.Sink.Url(path));
        var faults = new FaultClient(Server.Api, Server.Tokens, _target);
        await faults.Add(new JsonObject { ["subscriptionId"] = subscription, ["error"] = "DeliveryFailure" });
        await new OrderSetup(Server.Api, _target).Create();
        using var browser = await ConsoleBrowser.SignedIn(Server, _target, Scopes.Orders);

        var page = await Eventually(browser, "/console/events", html => Redeliver().IsMatch(html));
        Assert.Contains(subscription, page);
        Assert.Contains(fixture.Sink.Url(path), page);
        var action = Redeliver().Match(page).Groups[1].Value;
        await faults.Clear();
        using (var forged = await browser.Post(action, [], csrf: false))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var response = await browser.Post(action, []);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console/events", response.Headers.Location?.OriginalString);
        Assert.Contains("the same event sent again", (await browser.Get("/console/events")).Html);
        Assert.Single(await fixture.Sink.WaitFor(path, r => r.Count == 1)); // the forged post sent nothing
    }

    /// <summary>The page once it shows what <paramref name="done"/> asks (the journal and deliveries are written just after the answer), or at 10 s.</summary>
    private static async Task<string> Eventually(ConsoleBrowser browser, string url, Func<string, bool> done)
    {
        var html = "";
        for (var i = 0; i < 100 && !done(html); i++)
        {
            if (i > 0) await Task.Delay(100);
            (_, html) = await browser.Get(url);
        }
        return html;
    }

    [GeneratedRegex("<td><code>([^<]+)</code></td></tr>")]
    private static partial Regex RequestIds();

    [GeneratedRegex("""<a href="(/console/requests\?[^"]+)">Older requests</a>""")]
    private static partial Regex Older();

    [GeneratedRegex("""action="(/console/deliveries/\d+/redeliver)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Redeliver();
}
