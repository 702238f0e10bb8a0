using System.Text;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Server.Api;
using BwpOrders.Server.Control;
using static BwpOrders.Server.Console.ConsoleHtml;

namespace BwpOrders.Server.Console;

/// <summary>
/// <c>GET /console/orders/{id}</c>: one order in plain words (line items, totals, their catalog products and a delivery
/// preview (<see cref="ConsoleOrderCatalog"/>), packages with their tracking, cancellations, refunds, returns, links),
/// BwP's buttons beside what they move, then its timeline: each change with
/// the events it recorded and their deliveries (attempts, and a Redeliver button).
/// </summary>
public static class ConsoleOrderPage
{
    /// <summary>The page, or the page with <paramref name="error"/> at its top (a button's refusal) answered with <paramref name="status"/>.</summary>
    public static async Task<IResult> RenderAsync(ConsoleServices c, ConsoleSession session, string orderId, bool production, CancellationToken ct,
        string? error = null, int status = 200)
    {
        var target = session.Caller.TargetId;
        try
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.ViewOrderData, "reading an order", ct);
            var order = await c.Orders.GetAsync(target, new OrderLookup(OrderId: orderId), ct);
            var timeline = await ControlApi.TimelineAsync(c.Store, c.Events, target, order.Id, ApiVersion.Latest, ct);
            var main = Summary(order) + LineItems(order) + await ConsoleOrderCatalog.SectionAsync(c, session, order, ct) + Packages(order, session, production) + Cancellations(order, session)
                + Refunds(order) + ConsoleReturns.Section(order, session, production) + Links(order) + Timeline(timeline, session, order.Id)
                + ConsoleActions.ClockForm(session, order.Id);
            return ConsolePages.Html(Page($"Order {order.Id}", main, session, session.TakeNotice(), error), status);
        }
        catch (Exception e) when (ConsolePages.Refusal(e) is { } refusal)
        {
            var back = """<p><a href="/console/orders">Back to the orders</a></p>""";
            return ConsolePages.Html(Page("Order not shown", back, session, error: error ?? refusal.Message), error is null ? refusal.Status : status);
        }
    }

    private static string Summary(Order order) => Facts([
        ("Aliases", Aliases(order.Aliases)),
        ("Execution state", E(order.Metadata.ExecutionState)),
        ("Packages", E(order.PackageInformation.Summary?.State ?? "none yet (BwP creates them when fulfilment starts)")),
        ("Order total", Money(order.TotalPrice?.Value)),
        ("Refunded in total", Money(order.Refunds.Summary?.RefundTotal?.TotalAmount)),
        ("Created", E(order.Metadata.CreatedAt)),
        ("Updated", E(order.Metadata.UpdatedAt)),
    ]);

    private static string LineItems(Order order) => "<h2>Line items</h2>\n" + Table("Line items", ["Title", "SKU", "Quantity", "Price", "Fulfilled by", "Id"],
        order.LineItems.Select(l => (IReadOnlyList<string>)[E(l.Product?.Title), E(l.Product?.Identifier?.Sku), E(l.Amount.Value),
            Money(l.Product?.Price), E(l.DeliveryOffer?.Provider), E(l.Id)]));

    private static string Packages(Order order, ConsoleSession session, bool production)
    {
        var html = new StringBuilder("<h2>Packages</h2>\n");
        if (order.PackageInformation.Details.Count == 0) html.Append("<p>No packages: BwP creates them when the order's fulfilment starts.</p>\n");
        foreach (var package in order.PackageInformation.Details)
        {
            var tracker = package.PackageTracker;
            html.Append($"""<section class="card" aria-labelledby="package-{E(package.Id)}"><h3 id="package-{E(package.Id)}">Package {E(package.Id)}</h3>""");
            html.Append(Facts([
                ("State", $"<strong class=\"state\">{E(package.State)}</strong>" + (package.Reason is null ? "" : $" ({E(package.Reason)})")),
                ("Carrier", E(tracker?.PackageTrackerIdentifier.CarrierCode)),
                ("Tracking number", E(tracker?.PackageTrackerIdentifier.TrackingNumber)),
                ("Estimated delivery", tracker?.EstimatedDeliveryDate is { } range ? E($"{range.Earliest} to {range.Latest}") : null),
                ("Carries", string.Join(", ", package.Amounts.Select(a => E($"{a.Amount.Value} × {a.LineItem?.Product?.Title ?? a.LineItemId}")))),
            ]));
            if (tracker is { Milestones.Count: > 0 })
                html.Append(Table($"Milestones of package {package.Id}", ["When", "Status", "Where"], tracker.Milestones.Select(m => (IReadOnlyList<string>)[
                    E(m.OccurredAt), E($"{m.Status.Message.Value} ({m.Status.Code})"), E(string.Join(", ", new[] { m.Address?.Locality, m.Address?.Region, m.Address?.Country }.Where(p => p is not null)))])));
            if (!production) html.Append(ConsoleActions.PackageForms(session, order.Id, package));
            html.Append("</section>\n");
        }
        return html.ToString();
    }

    private static string Cancellations(Order order, ConsoleSession session) => "<h2>Cancellations</h2>\n"
        + Table("Cancellations", ["Id", "State", "Requested by", "Reason", "Refunds", "Created"], order.Cancellations.Select(x => (IReadOnlyList<string>)[
            E(x.Id), E(x.State), E(x.RequestedBy), E(x.Reason), E(string.Join(", ", x.RefundIds)), E(x.CreatedAt)]))
        + ConsoleActions.CancelForm(session, order.Id);

    private static string Refunds(Order order) => "<h2>Refunds</h2>\n" + Table("Refunds", ["Id", "State", "Reason", "Amount", "Requested by", "Created"],
        order.Refunds.Details.Select(r => (IReadOnlyList<string>)[E(r.Id), $"<span class=\"state\">{E(r.State)}</span>", E(r.RefundRequestReason),
            Money(r.RefundTotal?.TotalAmount), r.RequestedByBwp ? "BwP" : "the merchant", E(r.CreatedAt)]));

    private static string Links(Order order) => order.OrderLinks.Count == 0 ? "" : "<h2>Links</h2>\n<ul>"
        + string.Concat(order.OrderLinks.Select(l => $"<li>{E(l.DestinationType)}: {E(l.DisplayMessage)} <code>{E(l.Url)}</code></li>")) + "</ul>\n";

    /// <summary>Each change, newest first, with its events and their deliveries.</summary>
    private static string Timeline(OrderTimeline timeline, ConsoleSession session, string orderId)
    {
        var html = new StringBuilder("<h2>Timeline</h2>\n<ol class=\"timeline\" reversed>\n");
        foreach (var change in timeline.Changes.Reverse())
        {
            html.Append($"""<li class="change"><p><strong>Version {E(change.Version)}</strong> at {E(change.OccurredAt)}: {E(change.Operation)}</p>""");
            if (change.Events.Count > 0) html.Append("<ul>");
            foreach (var recorded in change.Events)
            {
                html.Append($"<li>Event <strong>{E(recorded.EventType)}</strong> on <code>{E(recorded.Resource)}</code>");
                if (recorded.Deliveries.Count == 0) html.Append(" (no subscription was sent it)");
                foreach (var delivery in recorded.Deliveries) html.Append(Delivery(delivery, session, orderId));
                html.Append("</li>");
            }
            if (change.Events.Count > 0) html.Append("</ul>");
            html.Append("</li>\n");
        }
        return html.Append("</ol>\n").ToString();
    }

    private static string Delivery(DeliveryView delivery, ConsoleSession session, string orderId) => $"""
        <div class="delivery"><p>Delivery {E(delivery.Id)} to subscription {E(delivery.SubscriptionId)}: <strong>{E(delivery.State)}</strong>{(delivery.LastError is null ? "" : $" (last error: {E(delivery.LastError)})")}</p>
        {(delivery.Attempts.Count == 0 ? "<p>No attempt yet.</p>" : Table($"Attempts of delivery {delivery.Id}", ["#", "At", "Status", "Latency", "Error"],
            delivery.Attempts.Select(a => (IReadOnlyList<string>)[E(a.Number), E(a.At), E(a.StatusCode?.ToString() ?? "no answer"), E($"{a.LatencyMs} ms"), E(a.Error)])))}
        {ConsoleActions.RedeliverForm(session, orderId, delivery.Id)}</div>
        """;
}
