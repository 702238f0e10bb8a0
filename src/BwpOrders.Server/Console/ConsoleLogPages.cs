using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;
using BwpOrders.Server.Control;
using static BwpOrders.Server.Console.ConsoleHtml;

namespace BwpOrders.Server.Console;

/// <summary>
/// What the target's integration did and was sent: <c>/console/requests</c>, its GraphQL requests as the request
/// journal keeps them (<c>/control/v1/requests</c>), and <c>/console/events</c>, its event subscriptions and the
/// deliveries that failed, each with a Redeliver button.
/// </summary>
public static class ConsoleLogPages
{
    public const string EventsUrl = "/console/events";
    private const int Shown = 100;

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/requests", (HttpContext http, ConsoleServices c) => ConsolePages.Signed(http, c, session => RequestsAsync(http, c, session)));
        console.MapGet("/events", (HttpContext http, ConsoleServices c) => ConsolePages.Signed(http, c, session => EventsAsync(c, session, http.RequestAborted)));
    }

    /// <summary>
    /// A page of the journal by <see cref="RequestsApi.List"/>'s filters, given as GET parameters (<c>field</c>,
    /// <c>result</c>, <c>first</c>, and <c>before</c> from the Older link); a bad one is shown with 400, as the API answers it.
    /// </summary>
    private static async Task<IResult> RequestsAsync(HttpContext http, ConsoleServices c, ConsoleSession session)
    {
        var value = (string name) => http.Request.Query[name].ToString();
        var filters = $"""
            <form method="get" action="/console/requests" class="search" role="search" aria-label="Requests">
            {Input("requests-field", "field", "Root field", value("field"))}
            {Select("requests-result", "result", "Result", RequestsApi.Results, value("result"))}
            {Input("requests-first", "first", "Per page", value("first"), "number", $" min=\"1\" max=\"{ListingQuery.MaxPage}\" step=\"1\" placeholder=\"50\"")}
            <button type="submit">Filter</button>
            </form>
            """;
        try
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.ViewOrderData, "reading the request journal", http.RequestAborted);
            var (entries, next) = RequestsApi.List(c.Journal, session.Caller.TargetId, ListingsApi.Query(http, "The request journal"));
            var table = Table("GraphQL requests of this target that this server process saw, newest first",
                ["At", "Operation", "Root fields", "Result", "Status", "Errors", "Latency", "Request id"],
                entries.Select(r => (IReadOnlyList<string>)[E(r.At), E(string.Join(" ", new[] { r.OperationType, r.OperationName, r.Version is null ? null : $"({r.Version})" }.Where(p => p is not null))),
                    E(string.Join(", ", r.RootFields)), $"<span class=\"state\">{E(r.Result)}</span>", E(r.Status),
                    E(string.Join(", ", r.Errors.Select(e => e.Path is null ? e.Code : $"{e.Code} at {e.Path}"))), E($"{r.LatencyMs:0.#} ms"), $"<code>{E(r.RequestId)}</code>"]));
            return ConsolePages.Html(Page("Requests", filters + table + ConsolePages.PageLink(http.Request, "before", next, "Older requests"), session, session.TakeNotice()), 200);
        }
        catch (Exception e) when (ConsolePages.Refusal(e) is { } refusal)
        {
            return ConsolePages.Html(Page("Requests", filters, session, error: refusal.Message), refusal.Status);
        }
    }

    /// <summary>The events page, or it with <paramref name="error"/> at its top (a Redeliver refused) answered with <paramref name="status"/>.</summary>
    public static async Task<IResult> EventsAsync(ConsoleServices c, ConsoleSession session, CancellationToken ct, string? error = null, int status = 200)
    {
        var target = session.Caller.TargetId;
        try
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.ViewOrderData, "reading event subscriptions and deliveries", ct);
            var (subscriptions, total) = await c.Events.ListSubscriptionsAsync(target, 0, Shown, ct);
            var failed = await DeliveriesApi.ViewsAsync(c.Events, new DeliveryQuery(target, State: DeliveryStates.Failed, First: Shown), ct);
            var main = Table($"Event subscriptions ({total})", ["Id", "Event type", "API version", "Destination", "Created"],
                    subscriptions.Select(s => (IReadOnlyList<string>)[E(s.Id), E(s.EventType), E(s.ApiVersion), $"<code>{E(s.Destination.Key)}</code>", E(s.CreatedAt)]))
                + Table("Failed deliveries, newest first", ["Delivery", "Event", "Order", "Subscription", "Attempts", "Last error", "Created", ""],
                    failed.Select(d => (IReadOnlyList<string>)[E(d.Id), E(d.EventType),
                        d.OrderId is null ? "" : $"""<a href="/console/orders/{E(Uri.EscapeDataString(d.OrderId))}">{E(d.OrderId)}</a>""",
                        E(d.SubscriptionId), E(d.Attempts.Count), E(d.LastError), E(d.CreatedAt), ConsoleActions.RedeliverForm(session, null, d.Id)]));
            return ConsolePages.Html(Page("Events", main, session, session.TakeNotice(), error), status);
        }
        catch (Exception e) when (ConsolePages.Refusal(e) is { } refusal)
        {
            return ConsolePages.Html(Page("Events", "", session, error: error ?? refusal.Message), error is null ? refusal.Status : status);
        }
    }
}
