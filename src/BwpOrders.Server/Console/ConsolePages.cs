using System.Reflection;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Control;
using BwpOrders.Server.Http;
using static BwpOrders.Server.Console.ConsoleHtml;

namespace BwpOrders.Server.Console;

/// <summary>
/// <c>/console</c>: a web console over one target, for a person rather than a test. Sign in with a client id and
/// secret (checked as <c>POST /token</c> checks them); the session lives in this process (<see cref="ConsoleSessions"/>)
/// and its cookie holds only a random id. Every POST carries the session's CSRF token and an Origin (or Referer) of this
/// origin. Pages are plain HTML, no script, under a strict Content-Security-Policy.
/// </summary>
public static class ConsolePages
{
    public const string CsrfField = "csrf";

    /// <summary>Only this origin, no script at all; forms post only here.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; object-src 'none'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Map(WebApplication app, bool production)
    {
        // The API's per-caller limit (here per address: a console request carries no token); sign-in has the token endpoint's.
        var console = app.MapGroup("/console").RequireRateLimiting(Hosting.RequestProtection.GraphQLPolicy).AddEndpointFilter(async (context, next) =>
        {
            Secure(context.HttpContext.Response);
            return await next(context);
        });
        console.MapGet("/", (HttpContext http, ConsoleSessions sessions) =>
            sessions.Find(http.Request) is null ? Html(SignInPage(null), 200) : Results.Redirect("/console/orders"));
        console.MapGet("/console.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Text(Stylesheet.Value, "text/css; charset=utf-8");
        });
        console.MapPost("/sign-in", SignInAsync).RequireRateLimiting(Hosting.RequestProtection.TokenPolicy);
        console.MapPost("/sign-out", (HttpContext http, ConsoleServices c) => Posted(http, c, (session, _) =>
        {
            c.Sessions.End(session);
            http.Response.Cookies.Delete(ConsoleSessions.CookieName, Cookie(http.Request));
            return Task.FromResult(SeeOther("/console"));
        }));
        console.MapGet("/orders", (HttpContext http, ConsoleServices c) => Signed(http, c, session => OrderListAsync(http, c, session)));
        console.MapGet("/orders/{orderId}", (HttpContext http, string orderId, ConsoleServices c) =>
            Signed(http, c, session => ConsoleOrderPage.RenderAsync(c, session, orderId, production, http.RequestAborted)));
        ConsoleActions.Map(console, production);
        ConsoleFaults.Map(console);
        ConsoleLogPages.Map(console);
    }

    /// <summary>A page for a signed-in user; anyone else is sent to sign in.</summary>
    internal static async Task<IResult> Signed(HttpContext http, ConsoleServices c, Func<ConsoleSession, Task<IResult>> page)
    {
        var session = c.Sessions.Find(http.Request);
        return session is null ? Results.Redirect("/console") : await page(session);
    }

    /// <summary>
    /// A form posted by a signed-in user: refused (403, nothing done) unless it carries the session's CSRF token and
    /// comes from a page of this origin.
    /// </summary>
    internal static async Task<IResult> Posted(HttpContext http, ConsoleServices c, Func<ConsoleSession, IFormCollection, Task<IResult>> action)
    {
        var session = c.Sessions.Find(http.Request);
        if (session is null) return Results.Redirect("/console");
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        if (!SameOrigin(http.Request) || form is null || !session.Carries(Single(form, CsrfField)))
            return Html(Page("Request refused", """
                <p>This form did not come from a page of this console (its security token or origin is missing or wrong), so nothing was done.
                Go back to the <a href="/console/orders">orders</a>, reload the page and try again.</p>
                """, session), 403);
        return await action(session, form);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ConsoleServices c)
    {
        if (!SameOrigin(http.Request))
            return Html(SignInPage("Sign-in refused: the form must be sent from this console's own page (the Origin header is missing or another site's)."), 403);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        var (clientId, secret) = (form is null ? null : Single(form, "client_id"), form is null ? null : Single(form, "client_secret"));
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret))
            return Html(SignInPage("Give both the client id and the client secret."), 400);
        var credential = await c.Credentials.AuthenticateAsync(clientId, secret, http.RequestAborted);
        if (credential is null)
            return Html(SignInPage("Sign-in failed: that client id and secret were not accepted (unknown, revoked, or the secret is wrong)."), 401);
        var session = c.Sessions.Start(new Caller(credential.ClientId, credential.TargetId, credential.Scopes.ToHashSet()), sandbox: c.Injector.Enabled);
        http.Response.Cookies.Append(ConsoleSessions.CookieName, session.Id, Cookie(http.Request));
        return SeeOther("/console/orders");
    }

    private static string SignInPage(string? error) => Page("Sign in", $"""
        <p>Sign in with an API credential (a client id and secret, as for <code>POST /token</code>). The console then acts on that
        credential's target with its scopes.</p>
        <form method="post" action="/console/sign-in" class="stack">
        {Input("client-id", "client_id", "Client id", extra: " required autocomplete=\"username\"")}
        {Input("client-secret", "client_secret", "Client secret", type: "password", extra: " required autocomplete=\"current-password\"")}
        <button type="submit">Sign in</button>
        </form>
        """, null, error: error);

    private static async Task<IResult> OrderListAsync(HttpContext http, ConsoleServices c, ConsoleSession session)
    {
        var query = http.Request.Query;
        var value = (string name) => query[name].ToString();
        var search = $"""
            <form method="get" action="/console/orders" class="search" role="search" aria-label="Orders">
            {Input("search-alias", "alias", "Alias", value("alias"))}
            {Input("search-order", "orderId", "Order id", value("orderId"))}
            {Select("search-state", "state", "Execution state", ListingsApi.ExecutionStateValues, value("state"))}
            {Select("search-package", "packageState", "Package state", ListingsApi.PackageStateValues, value("packageState"))}
            <button type="submit">Search</button>
            </form>
            """;
        try
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.ViewOrderData, "listing orders", http.RequestAborted);
            var page = await c.Store.SearchOrdersAsync(session.Caller.TargetId, ListingsApi.OrderSearchOf(ListingsApi.Query(http, "The order search")), http.RequestAborted);
            var rows = page.Items.Select(o => (IReadOnlyList<string>)[
                $"""<a href="/console/orders/{E(Uri.EscapeDataString(o.OrderId))}">{E(o.OrderId)}</a>""",
                Aliases(o.Aliases), E(o.ExecutionState), E(o.PackageState ?? "no packages"), E(o.CreatedAt)]);
            var next = PageLink(http.Request, "after", ListingQuery.Encode(page.Next), "Next page");
            return Html(Page("Orders", search + Table("Orders, newest first", ["Order", "Aliases", "Execution state", "Packages", "Created"], rows) + next
                + ConsoleActions.TargetForms(session), session, session.TakeNotice()), 200);
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            return Html(Page("Orders", search, session, error: refusal.Message), refusal.Status);
        }
    }

    /// <summary>A link to the next page of a listing: this page's query with <paramref name="name"/> set to the cursor; none at the end.</summary>
    internal static string PageLink(HttpRequest request, string name, string? cursor, string text) => cursor is null ? ""
        : $"""<p><a href="{E(request.Path + QueryString.Create(request.Query.Where(p => p.Key != name)
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())).Append(new(name, cursor))))}">{E(text)}</a></p>""";

    /// <summary>What the API would answer for a refusal or a domain error, as a status and message the page shows; null for anything else.</summary>
    internal static (int Status, string Message)? Refusal(Exception e) => e switch
    {
        RequestRejected r => (r.Status, r.Message),
        BwpException b => (ErrorMapping.Classify(b.Kind).Status, b.Message),
        _ => null,
    };

    /// <summary>303: the browser follows a posted form's answer with a GET, so reloading the page does not post again.</summary>
    internal static IResult SeeOther(string url) => new SeeOtherResult(url);

    private sealed class SeeOtherResult(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }

    internal static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    /// <summary>The session cookie: script cannot read it, other sites' requests do not carry it, and it goes only to /console.</summary>
    private static CookieOptions Cookie(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/console",
        Secure = request.IsHttps,
        IsEssential = true,
    };

    /// <summary>The request's Origin, or else its Referer's, is this server's own (scheme, host and port).</summary>
    private static bool SameOrigin(HttpRequest request)
    {
        var expected = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase);
        return Uri.TryCreate(request.Headers.Referer.ToString(), UriKind.Absolute, out var referer)
               && string.Equals(referer.GetLeftPart(UriPartial.Authority), expected, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Single(IFormCollection form, string name) => form[name].Count == 1 ? form[name][0] : null;

    /// <summary>
    /// Referrer-Policy same-origin rather than no-referrer: under no-referrer a browser sends <c>Origin: null</c> on a
    /// form POST, and the origin check needs the real one; other sites still get no Referer.
    /// </summary>
    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers.XFrameOptions = "DENY";
        response.Headers.CacheControl = "no-store";
    }

    private static readonly Lazy<string> Stylesheet = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Console/console.css")
            ?? throw new InvalidOperationException("Console/console.css is not embedded in the server assembly: see BwpOrders.Server.csproj.");
        return new StreamReader(stream).ReadToEnd();
    });
}

/// <summary>What the console's pages and buttons use, resolved once.</summary>
public sealed record ConsoleServices(
    ConsoleSessions Sessions, AccessGuard Guard, CredentialService Credentials, OrderService Orders, IOrderStore Store,
    Domain.Events.IEventStore Events, SimulatedClock Clock, Events.Sending.DeliverySignal Signal, TimeProvider Time,
    ITargetStateStore States, Faults.FaultRules Faults, Faults.FaultInjector Injector, Journal.RequestJournal Journal,
    Domain.Catalog.CatalogService Catalog, Domain.Checkout.DeliveryPreviewService Previews);
