using System.Net;
using System.Text.RegularExpressions;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>An order's console page shows each event's deliveries with their attempts, and Redeliver sends one again.</summary>
public sealed partial class ConsoleDeliveryTests(EventServerFixture fixture) : IClassFixture<EventServerFixture>
{
    [Fact]
    public async Task The_timeline_shows_a_delivery_and_its_attempt_and_Redeliver_sends_it_again()
    {
        var server = fixture.Server;
        var setup = new OrderSetup(server.Api, "bp-console-events-" + Guid.NewGuid().ToString("N")[..8]);
        var path = $"/hooks/{setup.Target}/confirmed";
        await new EventSubscriber(server.Api, setup.Target).Webhook("ORDER_CONFIRMED", fixture.Sink.Url(path));
        var order = await setup.Create();
        await fixture.Sink.WaitFor(path, r => r.Count == 1);
        using var browser = await ConsoleBrowser.SignedIn(server, setup.Target, Scopes.Orders);

        var page = await Eventually(browser, order.Id, html => html.Contains("<strong>DELIVERED</strong>"));
        Assert.Contains("<td>200</td>", page); // the attempt's status
        var delivery = Redeliver().Match(page).Groups[1].Value;
        using var response = await browser.Post($"/console/deliveries/{delivery}/redeliver", new() { ["orderId"] = order.Id });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/console/orders/{order.Id}", response.Headers.Location?.OriginalString);
        Assert.Contains("the same event sent again", (await browser.Get($"/console/orders/{order.Id}")).Html); // the button's notice, shown once
        var sent = await fixture.Sink.WaitFor(path, r => r.Count == 2);
        Assert.Equal(sent[0].Body, sent[1].Body);
        page = await Eventually(browser, order.Id, html => Regex.Count(html, "<td>200</td>") == 2);
        Assert.Equal(2, Regex.Count(page, "<td>200</td>")); // the delivery's first attempt and the redelivered one
    }

    /// <summary>The order's page once it shows what <paramref name="done"/> asks (the log is written just after the answer), or at 10 s.</summary>
    private static async Task<string> Eventually(ConsoleBrowser browser, string orderId, Func<string, bool> done)
    {
        var html = "";
        for (var i = 0; i < 100 && !done(html); i++)
        {
            if (i > 0) await Task.Delay(100);
            (_, html) = await browser.Get($"/console/orders/{orderId}");
        }
        return html;
    }

    [GeneratedRegex("""action="/console/deliveries/(\d+)/redeliver" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Redeliver();
}
