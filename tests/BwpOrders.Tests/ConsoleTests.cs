using System.Net;
using System.Text.RegularExpressions;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>/console</c> over HTTP as a browser would use it (cookies kept, redirects not followed): sign-in checks the
/// credential as <c>POST /token</c> does and keeps only a random id in an HttpOnly, SameSite=Strict cookie; every POST
/// needs the session's CSRF token and this origin; the console acts only on its credential's target and with its
/// scopes; and in Chromium (tests/e2e/console.mjs) a person can find an order, ship, deliver and cancel it, add a
/// fault and see it hit, filter the requests, and redeliver a failed delivery. On <see cref="EventServerFixture"/>,
/// whose short retries fail a delivery in well under a second.
/// </summary>
public sealed partial class ConsoleTests(EventServerFixture events) : IClassFixture<EventServerFixture>
{
    private ServerFixture Server => events.Server;
    private readonly OrderSetup _setup = new(events.Server.Api, "bp-console-" + Guid.NewGuid().ToString("N")[..8]);

    private Task<ConsoleBrowser> SignedIn(IReadOnlyList<string>? scopes = null) => ConsoleBrowser.SignedIn(Server, _setup.Target, scopes ?? Scopes.Orders);

    [Fact]
    public async Task Signing_in_sets_an_http_only_strict_cookie_holding_neither_token_nor_secret_and_the_pages_show_the_orders()
    {
        var order = await _setup.Create(aliases: OrderSetup.Aliases(("SHOPIFY_ORDER", "console-1001")));
        var credential = await Server.Credentials.CreateAsync(_setup.Target, Scopes.Orders);
        using var browser = new ConsoleBrowser(Server.BaseAddress);

        using var response = await browser.SignIn(credential.Credential.ClientId, credential.ClientSecret);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^bwp_console=[A-Za-z0-9_-]{43};", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/console", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here; https gets Secure
        var (status, list) = await browser.Get("/console/orders?alias=console-1001");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(order.Id, list);
        var (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("example-product-title", page);
        foreach (var html in new[] { list, page })
        {
            Assert.DoesNotContain(credential.ClientSecret, html);
            Assert.DoesNotContain("eyJ", html); // no JWT
        }
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_are_not_cached()
    {
        using var response = await Server.Api.Http.GetAsync("/console");
        var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'none'", csp);
        Assert.Contains("style-src 'self';", csp); // no 'unsafe-inline'
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("href=\"/explorer\"", html);
        using var css = await Server.Api.Http.GetAsync("/console/console.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(":focus-visible", await css.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_401_and_no_cookie()
    {
        var credential = await Server.Credentials.CreateAsync(_setup.Target, Scopes.Orders);
        using var browser = new ConsoleBrowser(Server.BaseAddress);

        using var response = await browser.SignIn(credential.Credential.ClientId, credential.ClientSecret + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("Sign-in failed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_in_from_another_origin_is_refused()
    {
        var credential = await Server.Credentials.CreateAsync(_setup.Target, Scopes.Orders);
        using var browser = new ConsoleBrowser(Server.BaseAddress);

        using var response = await browser.SignIn(credential.Credential.ClientId, credential.ClientSecret, origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData(false, null)] // the session's cookie, but no CSRF token
    [InlineData(true, "https://evil.example")] // the token, from another site's page
    [InlineData(true, "")] // the token, but neither Origin nor Referer
    public async Task A_post_without_the_csrf_token_or_from_another_origin_is_refused_and_changes_nothing(bool csrf, string? origin)
    {
        var order = await _setup.Create(executionState: "STARTED");
        using var browser = await SignedIn();

        using var response = await Server.AssertChangesNothing(_setup.Target, order.Id,
            () => browser.Post($"/console/orders/{order.Id}/cancel", [], origin, csrf));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("nothing was done", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_targets_order_is_not_found_through_the_console()
    {
        var other = new OrderSetup(Server.Api, "bp-console-other-" + Guid.NewGuid().ToString("N")[..8]);
        var theirs = await other.Create(executionState: "STARTED");
        using var browser = await SignedIn();

        var (status, html) = await browser.Get($"/console/orders/{theirs.Id}");
        using var cancel = await Server.AssertChangesNothing(other.Target, theirs.Id, () => browser.Post($"/console/orders/{theirs.Id}/cancel", []));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No order found", html);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
    }

    [Fact]
    public async Task A_view_only_credential_sees_the_order_but_cannot_ship_it()
    {
        var order = await _setup.Create(executionState: "STARTED");
        using var browser = await SignedIn([Scopes.ViewOrderData]);
        var (_, page) = await browser.Get($"/console/orders/{order.Id}");
        var move = MoveAction().Match(page).Groups[1].Value;

        using var response = await Server.AssertChangesNothing(_setup.Target, order.Id, () => browser.Post(move, new() { ["state"] = "IN_TRANSIT" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs the &#39;Edit Order Data&#39; scope", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ship_then_deliver_moves_the_package_and_the_timeline_shows_it()
    {
        var order = await _setup.Create(executionState: "STARTED");
        using var browser = await SignedIn();
        var (_, page) = await browser.Get($"/console/orders/{order.Id}");
        var move = MoveAction().Match(page).Groups[1].Value;

        foreach (var state in new[] { "IN_TRANSIT", "DELIVERED" })
        {
            using var response = await browser.Post(move, new() { ["state"] = state });
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Equal($"/console/orders/{order.Id}", response.Headers.Location?.OriginalString);
        }

        (_, page) = await browser.Get($"/console/orders/{order.Id}");
        Assert.Contains("<strong class=\"state\">DELIVERED</strong>", page);
        Assert.Contains("sandbox: move packages", page);
        Assert.Contains("is now DELIVERED", page); // the notice of the last button
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = await SignedIn();

        using var response = await browser.Post("/console/sign-out", []);
        using var after = await browser.Http.GetAsync("/console/orders");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/console", after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_bad_search_filter_shows_its_message_with_400()
    {
        using var browser = await SignedIn();

        var (status, html) = await browser.Get("/console/orders?state=SHIPPED");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("state must be one of NOT_STARTED, STARTED.", html);
    }

    [BrowserFact]
    public async Task In_Chromium_a_person_works_orders_faults_requests_and_a_failed_delivery_and_every_page_passes_axe()
    {
        var alias = "console-e2e-" + Guid.NewGuid().ToString("N")[..6];
        await _setup.Create(aliases: OrderSetup.Aliases(("SHOPIFY_ORDER", alias)), executionState: "STARTED");
        await _setup.Create(aliases: OrderSetup.Aliases(("SHOPIFY_ORDER", alias + "-cancel")), executionState: "STARTED");
        var credential = await Server.Credentials.CreateAsync(_setup.Target, Scopes.Orders);
        var (hook, failed) = await FailedDelivery();

        var (exitCode, output) = await E2e.RunAsync("console.mjs", Server, _setup.Target, environment: new Dictionary<string, string>
        {
            ["BWP_CLIENT_ID"] = credential.Credential.ClientId,
            ["BWP_CLIENT_SECRET"] = credential.ClientSecret,
            ["BWP_ALIAS"] = alias,
            ["BWP_FAILED_ORDER"] = (string)failed["orderId"]!,
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains("console: every check held", output);
        // Redeliver sent the event once more, and it was delivered: nothing more will be sent.
        var attempts = failed["attempts"]!.AsArray().Count;
        var received = await events.Sink.WaitFor(hook, r => r.Count > attempts);
        var again = await Delivery(d => (long)d["id"]! == (long)failed["id"]! && (string?)d["state"] == "DELIVERED");
        Assert.Equal(attempts + 1, again["attempts"]!.AsArray().Count);
        Assert.Equal(200, (int)again["attempts"]![attempts]!["statusCode"]!);
        Assert.Equal(attempts + 1, events.Sink.At(hook).Count);
        Assert.Equal(received[0].Body, received[^1].Body);
    }

    /// <summary>
    /// An ORDER_CONFIRMED webhook whose endpoint fails every attempt (the fixture retries after 100 ms) until the
    /// delivery is FAILED, then succeeds: the sink's path and the failed delivery, as the control API lists it.
    /// </summary>
    private async Task<(string Path, System.Text.Json.Nodes.JsonObject Failed)> FailedDelivery()
    {
        var path = $"/hooks/{_setup.Target}/console-e2e";
        var failing = true;
        events.Sink.Respond = r => r.Path == path && Volatile.Read(ref failing) ? 500 : 200;
        await new EventSubscriber(Server.Api, _setup.Target).Webhook("ORDER_CONFIRMED", events.Sink.Url(path));
        var order = await _setup.Create();
        var failed = await Delivery(d => (string?)d["orderId"] == order.Id && (string?)d["state"] == "FAILED");
        Volatile.Write(ref failing, false);
        return (path, failed);
    }

    /// <summary>The target's first delivery (newest first) that <paramref name="matches"/>, polled through the control API for up to 15 s.</summary>
    private async Task<System.Text.Json.Nodes.JsonObject> Delivery(Func<System.Text.Json.Nodes.JsonObject, bool> matches)
    {
        var subscriber = new EventSubscriber(Server.Api, _setup.Target);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var deliveries = await subscriber.Deliveries();
            if (deliveries.Select(d => d!.AsObject()).FirstOrDefault(matches) is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, $"no such delivery after 15 s: {deliveries.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    /// <summary>The action of a package's move form on an order page.</summary>
    [GeneratedRegex("""action="(/console/orders/[^"]+/packages/[^"]+/move)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex MoveAction();
}

/// <summary>A browser's view of the console: its cookies, this server's Origin on every POST (unless told otherwise).</summary>
internal sealed partial class ConsoleBrowser(Uri baseAddress) : IDisposable
{
    public readonly CookieContainer Cookies = new();
    public string? Csrf { get; private set; }
    private HttpClient? _http;
    public HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    public string Origin => baseAddress.GetLeftPart(UriPartial.Authority);

    public Task<HttpResponseMessage> SignIn(string clientId, string secret, string? origin = null) =>
        Post("/console/sign-in", new() { ["client_id"] = clientId, ["client_secret"] = secret }, origin, csrf: false);

    public async Task<(HttpStatusCode Status, string Html)> Get(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (CsrfField().Match(html) is { Success: true } m) Csrf = m.Groups[1].Value;
        return (response.StatusCode, html);
    }

    public async Task<HttpResponseMessage> Post(string path, Dictionary<string, string> fields, string? origin = null, bool csrf = true)
    {
        if (csrf && Csrf is not null) fields["csrf"] = Csrf;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (origin != "") request.Headers.Add("Origin", origin ?? Origin);
        return await Http.SendAsync(request);
    }

    /// <summary>A browser signed in with a new credential of the target, holding the CSRF token of its first page.</summary>
    public static async Task<ConsoleBrowser> SignedIn(ServerFixture server, string target, IReadOnlyList<string> scopes)
    {
        var credential = await server.Credentials.CreateAsync(target, scopes);
        var browser = new ConsoleBrowser(server.BaseAddress);
        using var response = await browser.SignIn(credential.Credential.ClientId, credential.ClientSecret);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console/orders", response.Headers.Location?.OriginalString);
        await browser.Get("/console/orders"); // reads the CSRF token, as the browser has the page's forms
        return browser;
    }

    public void Dispose() => _http?.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}

/// <summary>A production server's console shows orders but refuses BwP's sandbox buttons, with one message, changing nothing.</summary>
public sealed class ConsoleProductionTests(ConsoleProductionTests.Fixture fixture) : IClassFixture<ConsoleProductionTests.Fixture>
{
    public sealed class Fixture() : ServerFixtureWith(ServerFixture.HighRateLimits, production: true);

    [Theory]
    [InlineData("/console/clock/advance", "seconds", "60")]
    [InlineData("/console/reset", "confirm", "yes")]
    [InlineData("/console/orders/{order}/packages/no-such-package/move", "state", "IN_TRANSIT")]
    [InlineData("/console/orders/{order}/returns", "amount", "1")]
    [InlineData("/console/orders/{order}/returns/no-such-return/packages/no-such-package/move", "state", "DROPPED_OFF")]
    [InlineData("/console/faults", "error", "InternalServerError")]
    public async Task The_sandbox_buttons_are_refused(string path, string field, string value)
    {
        var server = fixture.Server;
        var setup = new OrderSetup(server.Api, "bp-console-prod-" + Guid.NewGuid().ToString("N")[..8]);
        var order = await setup.Create();
        using var browser = await ConsoleBrowser.SignedIn(server, setup.Target, Scopes.Orders);

        using var response = await server.AssertChangesNothing(setup.Target, order.Id,
            () => browser.Post(path.Replace("{order}", order.Id), new() { [field] = value, ["orderId"] = order.Id }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("exist only on a sandbox server", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_pages_show_no_sandbox_form_and_the_faults_page_answers_the_SandboxOnly_refusal()
    {
        var server = fixture.Server;
        var setup = new OrderSetup(server.Api, "bp-console-prod-" + Guid.NewGuid().ToString("N")[..8]);
        var order = await setup.Create(executionState: "STARTED");
        using var browser = await ConsoleBrowser.SignedIn(server, setup.Target, Scopes.Orders);

        foreach (var path in new[] { "/console/orders", $"/console/orders/{order.Id}" })
        {
            var (status, html) = await browser.Get(path);
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var sandboxOnly in new[] { "/console/clock/advance", "/console/reset", "href=\"/console/faults\"", "/move\"", "Start a return" })
                Assert.DoesNotContain(sandboxOnly, html);
            Assert.Contains("href=\"/console/requests\"", html);
        }
        var (faults, page) = await browser.Get("/console/faults");
        Assert.Equal(HttpStatusCode.Forbidden, faults);
        Assert.Contains("exist only on a sandbox server", page);
    }
}
