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
        Assert.Contains("<td>InternalServerError</td><td>order</td><td>any</td><td>any</td><td></td><td>0</td><td>always</td><td></td><td>1</td>", page); // none left, one hit
        using (var deleted = await browser.Post(DeleteAction().Match(page).Groups[1].Value, []))
            Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        Assert.Empty((await faults.List())["faults"]!.AsArray());
    }

    [Fact]
    public async Task A_rule_for_one_order_id_added_on_the_page_answers_only_requests_for_that_order()
    {
        var (mine, other) = (await _setup.Create(), await _setup.Create());
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);

        using (var added = await browser.Post("/console/faults", new()
               {
                   ["operation"] = "order", ["version"] = ApiClient.V2024_11_01, ["orderId"] = mine.Id, ["error"] = "ThrottlingError",
                   ["retryAfterSeconds"] = "7", ["probability"] = "1", ["seed"] = "42",
               }))
            Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var faults = new FaultClient(server.Api, server.Tokens, _setup.Target);

        Ran(await faults.Send(ApiClient.V2024_11_01, ReadOrder, new JsonObject { ["id"] = other.Id }), other.Id);
        var hit = await faults.Send(ApiClient.V2024_11_01, ReadOrder, new JsonObject { ["id"] = mine.Id });
        hit.AssertError(HttpStatusCode.TooManyRequests, "ThrottlingError", "TooManyRequests");
        Assert.Equal("7", string.Join(",", hit.Headers.GetValues("Retry-After")));

        var (_, page) = await browser.Get("/console/faults");
        Assert.Contains($"added: ThrottlingError for order in {ApiClient.V2024_11_01} of order {mine.Id}.", page);
        Assert.Contains($"<td>ThrottlingError</td><td>order</td><td>{ApiClient.V2024_11_01}</td><td>{mine.Id}</td><td></td><td>unlimited</td>"
            + "<td>1 (seed 42)</td><td>Retry-After 7 s</td><td>1</td>", page);
    }

    [Fact]
    public async Task A_rule_for_an_alias_added_on_the_page_answers_only_requests_naming_that_alias()
    {
        const string byAlias = """query($alias: AliasInput) { order(orderIdentifier: { alias: $alias }) { id } }""";
        var aliasId = "console-fault-" + Guid.NewGuid().ToString("N")[..8];
        await _setup.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", aliasId)));
        var other = await _setup.Create(aliases: OrderSetup.Aliases(("EXTERNAL_ID", aliasId + "-other")));
        JsonObject Alias(string id) => new() { ["alias"] = new JsonObject { ["aliasType"] = "EXTERNAL_ID", ["aliasId"] = id } };
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);

        using (var added = await browser.Post("/console/faults", new() { ["aliasType"] = "EXTERNAL_ID", ["aliasId"] = aliasId, ["error"] = "ConflictError", ["count"] = "5" }))
            Assert.Equal(HttpStatusCode.SeeOther, added.StatusCode);
        var faults = new FaultClient(server.Api, server.Tokens, _setup.Target);

        Ran(await faults.Send(ApiClient.V2024_11_01, byAlias, Alias(aliasId + "-other")), other.Id);
        (await faults.Send(ApiClient.V2024_11_01, byAlias, Alias(aliasId))).AssertError(HttpStatusCode.Conflict, "ConflictError", null);

        var (_, page) = await browser.Get("/console/faults");
        Assert.Contains($"<td>ConflictError</td><td>any</td><td>any</td><td>{aliasId} (EXTERNAL_ID)</td><td></td><td>4</td><td>always</td><td></td><td>1</td>", page);
    }

    [Theory]
    [InlineData("probability", "1.5", "probability must be a number with 0 &lt; P &lt;= 1.")]
    [InlineData("probability", "0", "probability must be a number with 0 &lt; P &lt;= 1.")]
    [InlineData("probability", "often", "probability must be a number with 0 &lt; P &lt;= 1.")]
    [InlineData("aliasType", "EXTERNAL_ID", "alias is {&quot;aliasType&quot;: &quot;...&quot;, &quot;aliasId&quot;: &quot;...&quot;}.")] // without its id
    [InlineData("seed", "1.5", "seed must be a whole number")]
    public async Task A_bad_field_is_refused_with_the_readers_message_and_adds_nothing(string field, string value, string message)
    {
        using var browser = await ConsoleBrowser.SignedIn(server, _setup.Target, Scopes.Orders);

        using var bad = await browser.Post("/console/faults", new() { ["error"] = "ConflictError", [field] = value });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Contains(message, page);
        Assert.Empty((await new FaultClient(server.Api, server.Tokens, _setup.Target).List())["faults"]!.AsArray());
        // The form comes back as sent, to correct the one value.
        Assert.Matches($"""name="{field}" type="[a-z]+" value="{System.Text.RegularExpressions.Regex.Escape(value)}" """.TrimEnd(), page);
        Assert.Contains("""<option value="ConflictError" selected>""", page);
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

    /// <summary>The request ran, unfaulted, and read the order.</summary>
    private static void Ran(RawAnswer answer, string orderId)
    {
        Assert.True(answer.Status == HttpStatusCode.OK && answer.Body["errors"] is null, answer.Body.ToJsonString());
        Assert.Equal(orderId, (string?)answer.Body["data"]!["order"]!["id"]);
    }

    [GeneratedRegex("""action="(/console/faults/[^"]+/delete)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex DeleteAction();
}
