using System.Globalization;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Control;
using static BwpOrders.Server.Console.ConsoleHtml;

namespace BwpOrders.Server.Console;

/// <summary>
/// The console's buttons: each a CSRF-checked POST that runs the operation a test would call (the sandbox mutation,
/// cancelOrder, the control API's clock, redelivery and reset), with the scope the API asks for, on the session's
/// target only; then a 303 back to the page. A refusal or domain error is shown on the page, with the API's status.
/// </summary>
public static class ConsoleActions
{
    /// <summary>The one refusal of every sandbox button on a production server.</summary>
    internal static RequestRejected SandboxRefusal() => SandboxOnly.Refusal("BwP's sandbox buttons (moving packages and returns, the clock, reset)");

    /// <summary>What each package move's button says.</summary>
    private static readonly IReadOnlyDictionary<string, string> MoveButtons = new Dictionary<string, string>
    {
        [PackageStates.InTransit] = "Ship",
        [PackageStates.Delivered] = "Deliver",
        [PackageStates.Cancelled] = "Cancel package",
    };

    public static void Map(RouteGroupBuilder console, bool production)
    {
        console.MapPost("/orders/{orderId}/packages/{packageId}/move", (HttpContext http, string orderId, string packageId, ConsoleServices c) =>
            OnOrder(http, c, orderId, production, async (session, form, ct) =>
            {
                if (production) throw SandboxRefusal();
                await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "moving a package", ct);
                var state = Field(form, "state");
                var reason = state == PackageStates.Cancelled ? Field(form, "reason") : null;
                await c.Orders.MovePackagesAsync(session.Caller.TargetId, new OrderLookup(OrderId: orderId),
                    [new PackageMoveCommand { PackageId = packageId, State = state, Reason = reason }], ct);
                return $"Package {packageId} is now {state}{(reason is null ? "" : $" ({reason})")}.";
            }));

        console.MapPost("/orders/{orderId}/cancel", (HttpContext http, string orderId, ConsoleServices c) =>
            OnOrder(http, c, orderId, production, async (session, form, ct) =>
            {
                await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "cancelOrder", ct);
                var cancellation = await c.Orders.CancelAsync(session.Caller.TargetId, new CancelOrderCommand
                {
                    Order = new OrderLookup(OrderId: orderId),
                    Reason = Optional(form, "reason"),
                    AdditionalComments = Optional(form, "comments"),
                }, ct);
                return $"Cancellation {cancellation.Id} requested: {cancellation.State}.";
            }));

        // From an order's timeline back to the order; from the Events page (no orderId) back there.
        console.MapPost("/deliveries/{deliveryId:long}/redeliver", (HttpContext http, long deliveryId, ConsoleServices c) =>
            OnPage(http, c, form => Optional(form, "orderId") is { } orderId ? OrderPage(http, c, production, orderId)
                : (ConsoleLogPages.EventsUrl, (session, error, status) => ConsoleLogPages.EventsAsync(c, session, http.RequestAborted, error, status)), async (session, _, ct) =>
            {
                await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "redelivering an event", ct);
                var delivery = await DeliveriesApi.RedeliverAsync(c.Events, c.Signal, c.Time, session.Caller.TargetId, deliveryId, ct);
                return $"Delivery {delivery.Id} queued: the same event sent again.";
            }));

        console.MapPost("/clock/advance", (HttpContext http, ConsoleServices c) =>
            OnOrder(http, c, null, production, async (session, form, ct) =>
            {
                if (production) throw SandboxRefusal();
                await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "advancing the clock", ct);
                var seconds = double.TryParse(Field(form, "seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= ControlApi.MaxAdvanceSeconds ? s
                    : throw Invalid($"Give the seconds to advance the clock by: a number from 0 to {ControlApi.MaxAdvanceSeconds}.");
                var (now, ran) = await ControlApi.AdvanceClockAsync(c.Clock, c.Orders, session.Caller.TargetId, seconds, ct);
                return $"The clock is now {Timestamps.Format(now)}; BwP ran {ran} scheduled action{(ran == 1 ? "" : "s")}.";
            }));

        console.MapPost("/reset", (HttpContext http, ConsoleServices c) =>
            OnOrder(http, c, null, production, async (session, form, ct) =>
            {
                if (production) throw SandboxRefusal();
                await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "resetting the target", ct);
                if (Optional(form, "confirm") != "yes") throw Invalid("Tick the box to confirm: reset deletes every order, subscription and setting of this target.");
                await TestingApi.ResetAsync(c.States, c.Faults, session.Caller.TargetId, ct);
                return $"Target {session.Caller.TargetId} was reset: it is empty.";
            }));

        ConsoleReturns.Map(console, production);
    }

    /// <summary>
    /// Runs a button's action, then goes back to the order (named by the route, or the form's <c>orderId</c>) or else the
    /// order list, saying what happened; a refusal is shown on that page instead, with the status the API answers.
    /// </summary>
    internal static Task<IResult> OnOrder(HttpContext http, ConsoleServices c, string? routeOrderId, bool production,
        Func<ConsoleSession, IFormCollection, CancellationToken, Task<string>> action) =>
        OnPage(http, c, form => (routeOrderId ?? Optional(form, "orderId")) switch
        {
            null => ("/console/orders", (session, error, status) =>
                Task.FromResult(ConsolePages.Html(Page("Not done", """<p><a href="/console/orders">Back to the orders</a></p>""", session, error: error), status))),
            { } orderId => OrderPage(http, c, production, orderId),
        }, action);

    private static (string, Func<ConsoleSession, string, int, Task<IResult>>) OrderPage(HttpContext http, ConsoleServices c, bool production, string orderId) =>
        ($"/console/orders/{Uri.EscapeDataString(orderId)}", (session, error, status) =>
            ConsoleOrderPage.RenderAsync(c, session, orderId, production, http.RequestAborted, error, status));

    /// <summary>
    /// Runs a button's action, then 303s back to the page <paramref name="page"/> names for the form, saying what happened;
    /// a refusal is that page rendered with the refusal's message and the status the API answers.
    /// </summary>
    internal static Task<IResult> OnPage(HttpContext http, ConsoleServices c,
        Func<IFormCollection, (string Url, Func<ConsoleSession, string, int, Task<IResult>> Render)> page,
        Func<ConsoleSession, IFormCollection, CancellationToken, Task<string>> action) =>
        ConsolePages.Posted(http, c, async (session, form) =>
        {
            var (back, render) = page(form);
            try
            {
                session.Tell(await action(session, form, http.RequestAborted));
                return ConsolePages.SeeOther(back);
            }
            catch (Exception e) when (ConsolePages.Refusal(e) is { } refusal)
            {
                return await render(session, refusal.Message, refusal.Status);
            }
        });

    /// <summary>A button per move the package can make now (from <see cref="PackageMoves.Transitions"/>); a cancellation picks its reason.</summary>
    public static string PackageForms(ConsoleSession session, string orderId, PackageDetails package)
    {
        var action = $"/console/orders/{Uri.EscapeDataString(orderId)}/packages/{Uri.EscapeDataString(package.Id)}/move";
        var forms = PackageMoves.Transitions.Where(t => t.Key.From == package.State).Select(t => Form(action, session,
            Hidden("state", t.Key.To) + (t.Value.Length == 0 ? "" : Select($"reason-{package.Id}", "reason", "Reason", t.Value, null, any: false) + " "),
            MoveButtons[t.Key.To], "inline")).ToList();
        return forms.Count == 0 ? "" : $"""<div class="actions">{string.Concat(forms)}</div>""";
    }

    public static string CancelForm(ConsoleSession session, string orderId) => Form($"/console/orders/{Uri.EscapeDataString(orderId)}/cancel", session,
        Input("cancel-reason", "reason", "Reason (optional)") + " " + Input("cancel-comments", "comments", "Comments (optional)") + " ", "Cancel order", "inline");

    public static string RedeliverForm(ConsoleSession session, string? orderId, long deliveryId) =>
        Form($"/console/deliveries/{deliveryId}/redeliver", session, orderId is null ? "" : Hidden("orderId", orderId), "Redeliver", "inline");

    /// <summary>The clock's form; none on a production server, which would only refuse it.</summary>
    public static string ClockForm(ConsoleSession session, string? orderId) => !session.Sandbox ? "" : "<h2>Clock</h2>\n"
        + "<p>BwP's scheduled moves (fulfilment, deliveries, refunds) run when the target's clock reaches them.</p>\n"
        + Form("/console/clock/advance", session, (orderId is null ? "" : Hidden("orderId", orderId))
            + Input($"advance-seconds", "seconds", "Seconds", "0", "number", " min=\"0\" step=\"any\" required") + " ", "Advance clock", "inline");

    /// <summary>The order list's target-wide buttons: the clock, and reset behind a confirmation box.</summary>
    public static string TargetForms(ConsoleSession session) => !session.Sandbox ? "" : ClockForm(session, null) + "<h2>Reset</h2>\n" + Form("/console/reset", session,
        """<input type="checkbox" id="reset-confirm" name="confirm" value="yes"> <label for="reset-confirm">Yes, delete everything in this target</label> """,
        "Reset target", "inline");

    internal static string Field(IFormCollection form, string name) =>
        Optional(form, name) ?? throw Invalid($"The form is missing {name}: reload the page and try again.");

    internal static string? Optional(IFormCollection form, string name) => form[name].Count == 1 && form[name][0] is { Length: > 0 } value ? value : null;

    internal static RequestRejected Invalid(string message) => new(400, ErrorKind.Validation, ErrorCodes.InvalidInput, message);
}
