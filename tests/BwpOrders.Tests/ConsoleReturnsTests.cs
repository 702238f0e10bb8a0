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
        using (var graded = await browser.Post(grade.Groups[1].Value, new() { ["units-SELLABLE"] = "0", ["units-DAMAGED"] = "1" }))
            Assert.Equal(HttpStatusCode.SeeOther, graded.StatusCode);
        (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("graded 1 DAMAGED", page);
        Assert.Contains("<span class=\"state\">COMPLETED</span>", page); // delivered and graded: the return completes
    }

    /// <summary>A return of 2 units of the order's line, delivered back to BwP and not graded yet, on a signed-in page: the grade form's action.</summary>
    private async Task<(CreatedOrder Order, ConsoleBrowser Browser, string Grade)> DeliveredReturnOfTwo()
    {
        var order = await _setup.Create(quantity: 2, executionState: "STARTED");
        await Bwp.DeliverAll(order.Id);
        var (returnId, packageId, _) = await Bwp.StartReturn(order.Id, order.LineItemId, 2);
        foreach (var state in new[] { "IN_TRANSIT", "DELIVERED" }) (await Bwp.MoveReturn(order.Id, returnId, packages: [(packageId, state)])).AssertSuccess();
        var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);
        var (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("name=\"units-SELLABLE\" type=\"number\" value=\"2\"", page); // all sellable to start with
        Assert.Contains("name=\"units-DAMAGED\" type=\"number\" value=\"0\"", page);
        return (order, browser, Grade().Match(page).Groups[1].Value);
    }

    [Fact]
    public async Task A_return_of_two_units_is_graded_one_sellable_and_one_damaged_and_completes_with_its_refund()
    {
        var (order, browser, grade) = await DeliveredReturnOfTwo();
        using var _ = browser;

        using (var graded = await browser.Post(grade, new() { ["units-SELLABLE"] = "1", ["units-DAMAGED"] = "1", ["units-DEFECTIVE"] = "0" }))
            Assert.Equal(HttpStatusCode.SeeOther, graded.StatusCode);

        var (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("graded 1 SELLABLE, 1 DAMAGED", page);
        Assert.Contains("<span class=\"state\">COMPLETED</span>", page);
        Assert.Contains("<td>RETURN_RECEIVED</td><td>20.00 USD</td>", page); // BwP's refund of both units
        var read = await _setup.Read(order.Id, "returns { details { state returnLineItems { grading { summary { unitWiseCondition { condition amount { value } } } } } } }");
        JsonMatch.Assert("""
            {"returns":{"details":[{"state":"COMPLETED","returnLineItems":[{"grading":{"summary":{"unitWiseCondition":[
              {"condition":"SELLABLE","amount":{"value":1}},{"condition":"DAMAGED","amount":{"value":1}}]}}}]}]}}
            """, read);
    }

    [Fact]
    public async Task A_grading_that_does_not_add_up_to_the_units_returned_is_refused_with_the_APIs_message_and_changes_nothing()
    {
        var (order, browser, grade) = await DeliveredReturnOfTwo();
        using var _ = browser;

        using var refused = await server.AssertChangesNothing(_setup.Target, order.Id,
            () => browser.Post(grade, new() { ["units-SELLABLE"] = "1", ["units-DAMAGED"] = "0" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", page);
        Assert.Contains("grade each of the 2 returned units once (the graded amounts must add up to 2)", page);
        Assert.Contains(grade, page); // still ungraded: the form is offered again
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
