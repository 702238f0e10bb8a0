using System.Globalization;
using System.Text;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;
using BwpOrders.Server.Control;
using static BwpOrders.Server.Console.ConsoleHtml;

namespace BwpOrders.Server.Console;

/// <summary>
/// An order page's returns, and (sandbox) BwP's side of them: a shopper starts a return of delivered items (the control
/// API's <see cref="ControlApi.StartShopperReturnAsync"/>), its return package travels back and its items are graded
/// (the sandbox's updateOrderReturns, through <see cref="OrderService.MoveReturnsAsync"/>).
/// </summary>
public static class ConsoleReturns
{
    /// <summary>Reasons a shopper picks from in BwP's returns center; the control API takes any string.</summary>
    public static readonly string[] ReasonCodes = ["DAMAGED_DEFECTIVE_ITEM", "WRONG_ITEM_RECEIVED", "ITEM_MISSING", "NO_LONGER_NEEDED", "OTHER"];

    /// <summary>Conditions the fulfilment centre grades units in (BwP's own grading gives SELLABLE).</summary>
    public static readonly string[] Conditions = [ShopperReturns.GradedCondition, "DAMAGED", "DEFECTIVE", "CUSTOMER_DAMAGED", "CARRIER_DAMAGED"];

    private static readonly IReadOnlyDictionary<string, string> MoveButtons = new Dictionary<string, string>
    {
        [ReturnPackageStates.DroppedOff] = "Drop off",
        [ReturnPackageStates.InTransit] = "Send back",
        [ReturnPackageStates.Delivered] = "Deliver to BwP",
        [ReturnPackageStates.Failed] = "Fail return delivery",
    };

    public static void Map(RouteGroupBuilder console, bool production)
    {
        console.MapPost("/orders/{orderId}/returns", (HttpContext http, string orderId, ConsoleServices c) =>
            ConsoleActions.OnOrder(http, c, orderId, production, async (session, form, ct) =>
            {
                if (production) throw ConsoleActions.SandboxRefusal();
                await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "starting a shopper return", ct);
                var amount = decimal.TryParse(ConsoleActions.Field(form, "amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a
                    : throw ConsoleActions.Invalid("Give the amount to return: a whole number of units.");
                var started = await ControlApi.StartShopperReturnAsync(c.Orders, session.Caller.TargetId, orderId,
                    [new ShopperReturnItem(ConsoleActions.Field(form, "lineItemId"), amount, ConsoleActions.Optional(form, "reasonCode"), null)], ct);
                return $"Return {started.Id} started: {started.State}, return package {string.Join(", ", started.ReturnPackages.Select(p => p.Id))}.";
            }));

        console.MapPost("/orders/{orderId}/returns/{returnId}/packages/{packageId}/move", (HttpContext http, string orderId, string returnId, string packageId, ConsoleServices c) =>
            ConsoleActions.OnOrder(http, c, orderId, production, async (session, form, ct) =>
            {
                var state = ConsoleActions.Field(form, "state");
                await MoveAsync(c, session, orderId, production, new ReturnMoveCommand { ReturnId = returnId, Packages = [(packageId, state, null)] }, ct);
                return $"Return package {packageId} is now {state}.";
            }));

        console.MapPost("/orders/{orderId}/returns/{returnId}/items/{itemId}/grade", (HttpContext http, string orderId, string returnId, string itemId, ConsoleServices c) =>
            ConsoleActions.OnOrder(http, c, orderId, production, async (session, form, ct) =>
            {
                var units = Gradings(form);
                await MoveAsync(c, session, orderId, production, new ReturnMoveCommand { ReturnId = returnId, Gradings = [(itemId, units)] }, ct);
                return $"Return line item {itemId} graded {Say(units)}.";
            }));
    }

    /// <summary>
    /// The form's units per condition as updateOrderReturns' <c>unitWiseCondition</c>: a condition left empty or 0 is
    /// not in it; whether the rest add up to the units returned is the grading's own rule, and its message.
    /// </summary>
    private static List<GradedUnits> Gradings(IFormCollection form)
    {
        var units = new List<GradedUnits>();
        foreach (var condition in Conditions)
        {
            if (ConsoleActions.Optional(form, UnitsField(condition)) is not { } text) continue;
            var amount = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a
                : throw ConsoleActions.Invalid($"Give the units graded {condition} as a whole number (0 for none), not '{text}'.");
            if (amount != 0) units.Add(new GradedUnits(condition, new Quantity(amount)));
        }
        return units;
    }

    private static string UnitsField(string condition) => $"units-{condition}";

    private static string Say(IEnumerable<GradedUnits> units) => string.Join(", ", units.Select(u => $"{u.Amount.Value} {u.Condition}"));

    private static async Task MoveAsync(ConsoleServices c, ConsoleSession session, string orderId, bool production, ReturnMoveCommand move, CancellationToken ct)
    {
        if (production) throw ConsoleActions.SandboxRefusal();
        await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "updateOrderReturns", ct);
        await c.Orders.MoveReturnsAsync(session.Caller.TargetId, new OrderLookup(OrderId: orderId), [move], ct);
    }

    /// <summary>The returns table; on a sandbox, each BwP return's buttons and the form to start one.</summary>
    public static string Section(Order order, ConsoleSession session, bool production)
    {
        var html = new StringBuilder("<h2>Returns</h2>\n");
        html.Append(Table("Returns", ["Id", "State", "Started through BwP", "Items", "Return packages"],
            order.Returns.Details.Select(r => (IReadOnlyList<string>)[E(r.Id), $"<span class=\"state\">{E(r.State)}</span>", r.StartedThroughBwp ? "yes" : "no",
                E(string.Join(", ", r.CoveredAmounts.Select(a => $"{a.Amount.Value} × {a.LineItem?.Product?.Title ?? a.LineItemId}"))),
                E(string.Join(", ", r.ReturnPackages.Select(p => $"{p.Id} {p.State}")))])));
        if (production) return html.ToString();
        foreach (var ret in order.Returns.Details.Where(r => r is { StartedThroughBwp: true, State: ReturnStates.Created }))
            html.Append(ReturnCard(order.Id, ret, session));
        if (order.PackageInformation.Details.Any(p => p.State == PackageStates.Delivered))
            html.Append(StartForm(order, session));
        return html.ToString();
    }

    /// <summary>A button per move the return package can make now (<see cref="ShopperReturns.PackageTransitions"/>), and a grade per ungraded item.</summary>
    private static string ReturnCard(string orderId, ReturnDetails ret, ConsoleSession session)
    {
        var action = $"/console/orders/{Uri.EscapeDataString(orderId)}/returns/{Uri.EscapeDataString(ret.Id)}";
        var html = new StringBuilder($"""<section class="card" aria-labelledby="return-{E(ret.Id)}"><h3 id="return-{E(ret.Id)}">Return {E(ret.Id)}</h3>""");
        foreach (var package in ret.ReturnPackages)
        {
            html.Append($"<p>Return package {E(package.Id)} (RMA {E(package.Rma)}): <strong class=\"state\">{E(package.State)}</strong></p>");
            var forms = ShopperReturns.PackageTransitions[package.State].Select(to => Form($"{action}/packages/{Uri.EscapeDataString(package.Id)}/move", session,
                Hidden("state", to), MoveButtons[to], "inline")).ToList();
            if (forms.Count > 0) html.Append($"""<div class="actions">{string.Concat(forms)}</div>""");
        }
        foreach (var item in ret.ReturnLineItems)
        {
            var returned = item.ReturnFor.OrderLineItemAmounts.Sum(a => a.Amount.Value);
            html.Append(item.Grading is { } grading
                ? $"<p>Return line item {E(item.Id)}: graded {E(Say(grading.UnitWiseCondition))}</p>"
                : Form($"{action}/items/{Uri.EscapeDataString(item.Id)}/grade", session, GradeFields(item.Id, returned), "Grade", "inline"));
        }
        return html.Append("</section>\n").ToString();
    }

    /// <summary>How many of the returned units are in each condition: all sellable to start with, as BwP's own grading gives.</summary>
    private static string GradeFields(string itemId, decimal returned) =>
        $"<fieldset><legend>{E($"Grade the {returned} unit{(returned == 1 ? "" : "s")} of return line item {itemId}: units in each condition")}</legend>"
        + string.Concat(Conditions.Select(condition => Input($"grade-{itemId}-{condition}", UnitsField(condition), condition,
            condition == ShopperReturns.GradedCondition ? returned.ToString(CultureInfo.InvariantCulture) : "0", "number",
            $" min=\"0\" max=\"{E(returned)}\" step=\"1\"") + " "))
        + "</fieldset> ";

    private static string StartForm(Order order, ConsoleSession session) => "<h3>Start a return</h3>\n<p>As a shopper in BwP's returns center: BwP takes back what Amazon delivered.</p>\n"
        + Form($"/console/orders/{Uri.EscapeDataString(order.Id)}/returns", session,
            Select("return-line-item", "lineItemId", "Line item", order.LineItems.Select(l => (l.Id, l.Product?.Title ?? l.Id)), null, any: false) + " "
            + Input("return-amount", "amount", "Amount", "1", "number", " min=\"1\" step=\"1\" required") + " "
            + Select("return-reason", "reasonCode", "Reason", ReasonCodes, null, any: false) + " ", "Start a return", "inline");
}
