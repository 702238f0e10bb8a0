using System.Net;
using System.Text.RegularExpressions;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// BwP's side of a shopper return on an order's console page (sandbox): start one of a delivered item, move its return
/// package and grade its items, as the control API and updateOrderReturns do; each form needs the CSRF token.
/// </summary>
public sealed partial class ConsoleReturnsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-console-returns-" + Guid.NewGuid().ToString("N")[..8]);
    private BwpSide Bwp => new(server.Api, _setup.Target);

    [Fact]
    public async Task A_return_started_on_the_page_is_dropped_off_delivered_and_graded_and_BwP_asks_for_its_refund()
    {
        var order = await _setup.Create(executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);
        var (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("Start a return", page);

        using (var started = await browser.Post($"/console/orders/{order.Id}/returns",
                   new() { ["lineItemId"] = order.LineItemId, ["amount"] = "1", ["reasonCode"] = "DAMAGED_DEFECTIVE_ITEM" }))
            Assert.Equal(HttpStatusCode.SeeOther, started.StatusCode);
        (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("started: CREATED", page);
        var move = PackageMove().Match(page).Groups[1].Value;
        Assert.DoesNotContain("Deliver to BwP", page); // a CREATED return package is only dropped off or sent back

        using (var dropped = await browser.Post(move, new() { ["state"] = "DROPPED_OFF" }))
            Assert.Equal(HttpStatusCode.SeeOther, dropped.StatusCode);
        (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("RETURN_DROPPED_OFF_PICKED_UP", page);
        Assert.Contains("<span class=\"state\">PENDING</span>", page);
        Assert.Equal(("PENDING", "RETURN_DROPPED_OFF_PICKED_UP"), (await Bwp.Refunds(order.Id)).Select(r => (r.State, r.Reason)).Single());

        foreach (var state in new[] { "IN_TRANSIT", "DELIVERED" })
            using (var moved = await browser.Post(move, new() { ["state"] = state }))
                Assert.Equal(HttpStatusCode.SeeOther, moved.StatusCode);
        (_, page) = await browser.Get($"/console/orders/{order.Id}");
        var grade = Grade().Match(page);
        using (var graded = await browser.Post(grade.Groups[1].Value, new() { ["amount"] = "1", ["condition"] = "DAMAGED" }))
            Assert.Equal(HttpStatusCode.SeeOther, graded.StatusCode);
        (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("graded DAMAGED", page);
        Assert.Contains("<span class=\"state\">COMPLETED</span>", page); // delivered and graded: the return completes
    }

    [Fact]
    public async Task Starting_a_return_without_the_csrf_token_is_refused_and_changes_nothing()
    {
        var order = await _setup.Create(executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);

        using var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => browser.Post($"/console/orders/{order.Id}/returns",
            new() { ["lineItemId"] = order.LineItemId, ["amount"] = "1", ["reasonCode"] = "OTHER" }, csrf: false));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_return_of_more_than_was_delivered_shows_the_domain_error_on_the_page()
    {
        var order = await _setup.Create(executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);

        using var response = await browser.Post($"/console/orders/{order.Id}/returns", new() { ["lineItemId"] = order.LineItemId, ["amount"] = "5" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("""action="(/console/orders/[^"]+/returns/[^"]+/packages/[^"]+/move)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex PackageMove();

    [GeneratedRegex("""action="(/console/orders/[^"]+/returns/[^"]+/items/[^"]+/grade)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Grade();
}
