using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary><c>/console/faults</c>: a rule added on the page answers the next matching request and shows its hit; Delete removes it.</summary>
public sealed partial class ConsoleFaultsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string ReadOrder = """query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }""";
    private readonly OrderSetup _setup = new(server.Api, "bp-console-faults-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_fault_added_on_the_page_answers_an_order_request_shows_one_hit_and_is_deleted()
    {
        var order = await _setup.Create();
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);
        var (status, page) = await browser.Get("/console/faults");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/console/faults\"", page); // the header's link, on a sandbox

        using (var added = await browser.Post("/console/faults", new() { ["operation"] = "order", ["error"] = "InternalServerError", ["count"] = "1" }))
            Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var faults = new FaultClient(server.Api, server.Tokens, _setup.Target);
        (await faults.Send(ApiClient.V2024_11_01, ReadOrder, new JsonObject { ["id"] = order.Id }))
            .AssertError(HttpStatusCode.InternalServerError, "InternalServerError", "InternalServerError");

        (_, page) = await browser.Get("/console/faults");
        Assert.Contains("added: InternalServerError for order", page);
        Assert.Matches("<td>InternalServerError</td><td>order</td><td>0</td><td>1</td>", page); // none left, one hit
        using (var deleted = await browser.Post(DeleteAction().Match(page).Groups[1].Value, []))
            Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Empty((await faults.List())["faults"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_rule_shows_the_control_APIs_message_and_a_post_without_the_csrf_token_adds_nothing()
    {
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);

        using var bad = await browser.Post("/console/faults", new() { ["error"] = "Latency" });
        using var forged = await browser.Post("/console/faults", new() { ["error"] = "InternalServerError" }, csrf: false);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("latencyMs is required for Latency", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Empty((await new FaultClient(server.Api, server.Tokens, _setup.Target).List())["faults"]!.AsArray());
    }

    [GeneratedRegex("""action="(/console/faults/[^"]+/delete)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DeleteAction();
}
