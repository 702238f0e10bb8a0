using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Control;
using BwpOrders.Server.Faults;
using static BwpOrders.Server.Console.ConsoleHtml;

namespace BwpOrders.Server.Console;

/// <summary>
/// <c>/console/faults</c> (sandbox only): the target's fault rules with their hits, a form to add one and a Delete
/// button per rule, through <see cref="FaultsApi"/>'s own code (the form becomes the JSON body the control API reads,
/// so it is checked the same way); a production server answers the SandboxOnly refusal.
/// </summary>
public static class ConsoleFaults
{
    private const string Url = "/console/faults";

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/faults", (HttpContext http, ConsoleServices c) => ConsolePages.Signed(http, c, session => RenderAsync(c, session, http.RequestAborted)));

        console.MapPost("/faults", (HttpContext http, ConsoleServices c) => OnFaults(http, c, async (session, form, ct) =>
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "adding a fault rule", ct);
            FaultsApi.RequireSandbox(c.Injector);
            var rule = FaultsApi.Add(c.Faults, session.Caller.TargetId, Body(form));
            return $"Fault rule {rule.Id} added: {rule.Spec.Kind} for {rule.Spec.Operation ?? "every operation"}.";
        }));

        console.MapPost("/faults/{id}/delete", (HttpContext http, string id, ConsoleServices c) => OnFaults(http, c, async (session, _, ct) =>
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.EditOrderData, "deleting a fault rule", ct);
            FaultsApi.RequireSandbox(c.Injector);
            FaultsApi.Delete(c.Faults, session.Caller.TargetId, id);
            return $"Fault rule {id} deleted.";
        }));
    }

    private static Task<IResult> OnFaults(HttpContext http, ConsoleServices c, Func<ConsoleSession, IFormCollection, CancellationToken, Task<string>> action) =>
        ConsoleActions.OnPage(http, c, _ => (Url, (session, error, status) => RenderAsync(c, session, http.RequestAborted, error, status)), action);

    /// <summary>The form's fields as <c>POST /control/v1/faults</c>'s body: numbers that are numbers, the rest as text for the reader to refuse.</summary>
    private static JsonElement Body(IFormCollection form)
    {
        var body = new JsonObject();
        foreach (var name in new[] { "error", "operation" })
            if (ConsoleActions.Optional(form, name) is { } text) body[name] = text;
        foreach (var name in new[] { "count", "latencyMs" })
            if (ConsoleActions.Optional(form, name) is { } text)
                body[name] = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : text;
        return JsonSerializer.SerializeToElement(body);
    }

    private static async Task<IResult> RenderAsync(ConsoleServices c, ConsoleSession session, CancellationToken ct, string? error = null, int status = 200)
    {
        try
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.ViewOrderData, "reading fault rules", ct);
            FaultsApi.RequireSandbox(c.Injector);
            var rules = c.Faults.Read(session.Caller.TargetId, f => f.Rules.Select(r => (r.Id, r.Spec, r.Remaining, r.Log.Hits, r.CreatedAt)).ToList());
            var table = Table("Fault rules, the first that matches answers", ["Id", "Error", "Operation", "Left", "Hits", "Created", ""],
                rules.Select(r => (IReadOnlyList<string>)[E(r.Id), E(r.Spec.Kind), E(r.Spec.Operation ?? "any"), E(r.Remaining?.ToString() ?? "unlimited"),
                    E(r.Hits), E(r.CreatedAt), Form($"{Url}/{Uri.EscapeDataString(r.Id)}/delete", session, "", "Delete", "inline")]));
            var add = "<h2>Add a fault rule</h2>\n<p>Requests of this target whose root field is the operation (or any, left empty) are answered with the error, "
                + "the next count times (or always, left empty).</p>\n"
                + Form(Url, session, Input("fault-operation", "operation", "Operation (root field, optional)") + " "
                    + Select("fault-error", "error", "Error", Enum.GetNames<FaultKind>(), null, any: false) + " "
                    + Input("fault-count", "count", "Count (optional)", type: "number", extra: " min=\"1\" step=\"1\"") + " "
                    + Input("fault-latency", "latencyMs", "Latency ms (Latency only)", type: "number", extra: " min=\"0\" step=\"1\"") + " ", "Add fault rule", "inline");
            return ConsolePages.Html(Page("Faults", table + add, session, session.TakeNotice(), error), status);
        }
        catch (Exception e) when (ConsolePages.Refusal(e) is { } refusal)
        {
            return ConsolePages.Html(Page("Faults", """<p><a href="/console/orders">Back to the orders</a></p>""", session, error: error ?? refusal.Message),
                error is null ? refusal.Status : status);
        }
    }
}
