using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Api;
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
            return $"Fault rule {rule.Id} added: {rule.Spec.Kind} for {Scope(rule.Spec)}.";
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
        ConsoleActions.OnPage(http, c, form => (Url, (session, error, status) => RenderAsync(c, session, http.RequestAborted, error, status, form)), action);

    private static readonly string[] TextFields = ["error", "operation", "version", "orderId", "subscriptionId"];
    private static readonly string[] NumberFields = ["count", "probability", "seed", "latencyMs", "retryAfterSeconds"];

    /// <summary>
    /// The form's fields as <c>POST /control/v1/faults</c>'s body: numbers that are numbers, the rest as text for the
    /// reader to refuse; alias type and id together as the alias (one without the other reaches the reader, which refuses it).
    /// </summary>
    private static JsonElement Body(IFormCollection form)
    {
        var body = new JsonObject();
        foreach (var name in TextFields)
            if (ConsoleActions.Optional(form, name) is { } text) body[name] = text;
        foreach (var name in NumberFields)
            if (ConsoleActions.Optional(form, name) is { } text)
                body[name] = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : text;
        var (aliasType, aliasId) = (ConsoleActions.Optional(form, "aliasType"), ConsoleActions.Optional(form, "aliasId"));
        if (aliasType is not null || aliasId is not null) body["alias"] = new JsonObject { ["aliasType"] = aliasType, ["aliasId"] = aliasId };
        return JsonSerializer.SerializeToElement(body);
    }

    /// <summary>What a rule matches, in words: the deliveries of a subscription, or the calls of an operation, version and order.</summary>
    private static string Scope(FaultSpec spec)
    {
        if (spec.Kind == FaultKind.DeliveryFailure) return spec.SubscriptionId is { } s ? $"deliveries to {s}" : "every delivery";
        var order = OrderOf(spec) is { } o ? $" of order {o}" : "";
        return $"{spec.Operation ?? "every operation"}{(spec.Version is { } v ? $" in {v}" : "")}{order}";
    }

    private static string? OrderOf(FaultSpec spec) => spec.OrderId ?? (spec.Alias is { } a ? $"{a.AliasId} ({a.AliasType})" : null);

    /// <summary>A rule's table row: what it matches ("any" where a request rule leaves a field out), how often and how it answers.</summary>
    private static IReadOnlyList<string> Row(ConsoleSession session, (string Id, FaultSpec Spec, int? Remaining, long Hits, string CreatedAt) r)
    {
        var spec = r.Spec;
        var request = spec.Kind != FaultKind.DeliveryFailure;
        string Match(string? value, bool applies) => E(value ?? (applies ? "any" : ""));
        return [E(r.Id), E(spec.Kind), Match(spec.Operation, request), Match(spec.Version, request), Match(OrderOf(spec), request),
            Match(spec.SubscriptionId, !request), E(r.Remaining?.ToString() ?? "unlimited"),
            E(spec.Probability is { } p ? $"{p} (seed {spec.Seed})" : "always"),
            E(spec.Kind switch { FaultKind.Latency => $"{spec.LatencyMs} ms", FaultKind.ThrottlingError => $"Retry-After {spec.RetryAfterSeconds} s", _ => "" }),
            E(r.Hits), E(r.CreatedAt), Form($"{Url}/{Uri.EscapeDataString(r.Id)}/delete", session, "", "Delete", "inline")];
    }

    /// <summary>
    /// The add form's fields, grouped as the rule is: which calls, how often, how it answers; filled with what was
    /// <paramref name="sent"/> when the control API refused it, so the merchant corrects the one value rather than typing the rule again.
    /// </summary>
    private static string AddFields(IFormCollection? sent)
    {
        string? V(string name) => sent is null ? null : ConsoleActions.Optional(sent, name);
        var number = (string min, string? max, string step) => $" min=\"{min}\"{(max is null ? "" : $" max=\"{max}\"")} step=\"{step}\"";
        return "<fieldset><legend>Which calls</legend>"
            + Input("fault-operation", "operation", "Operation (root field)", V("operation")) + " "
            + Select("fault-version", "version", "API version", ApiVersion.All.Select(v => v.Name), V("version")) + " "
            + Input("fault-order", "orderId", "Order id", V("orderId")) + " "
            + Input("fault-alias-type", "aliasType", "Alias type", V("aliasType")) + " "
            + Input("fault-alias-id", "aliasId", "Alias id", V("aliasId")) + " "
            + Input("fault-subscription", "subscriptionId", "Subscription (DeliveryFailure only)", V("subscriptionId"))
            + "</fieldset>\n<fieldset><legend>How often</legend>"
            + Input("fault-count", "count", "Count", V("count"), type: "number", extra: number("1", null, "1")) + " "
            + Input("fault-probability", "probability", "Probability (0 to 1)", V("probability"), type: "number", extra: number("0", "1", "any")) + " "
            + Input("fault-seed", "seed", "Seed", V("seed"), type: "number", extra: number(int.MinValue.ToString(CultureInfo.InvariantCulture), null, "1"))
            + "</fieldset>\n<fieldset><legend>The answer</legend>"
            + Select("fault-error", "error", "Error", Enum.GetNames<FaultKind>(), V("error"), any: false) + " "
            + Input("fault-latency", "latencyMs", "Latency ms (Latency only)", V("latencyMs"), type: "number", extra: number("0", FaultSpecReader.MaxLatencyMs.ToString(CultureInfo.InvariantCulture), "1")) + " "
            + Input("fault-retry-after", "retryAfterSeconds", "Retry-After seconds (ThrottlingError only)", V("retryAfterSeconds"), type: "number",
                extra: number("1", FaultSpecReader.MaxRetryAfterSeconds.ToString(CultureInfo.InvariantCulture), "1"))
            + "</fieldset>\n";
    }

    private static async Task<IResult> RenderAsync(ConsoleServices c, ConsoleSession session, CancellationToken ct, string? error = null, int status = 200,
        IFormCollection? sent = null)
    {
        try
        {
            await c.Guard.AuthorizeAsync(session.Caller, Scopes.ViewOrderData, "reading fault rules", ct);
            FaultsApi.RequireSandbox(c.Injector);
            var rules = c.Faults.Read(session.Caller.TargetId, f => f.Rules.Select(r => (r.Id, r.Spec, r.Remaining, r.Log.Hits, r.CreatedAt)).ToList());
            var table = Table("Fault rules, the first that matches answers",
                ["Id", "Error", "Operation", "API version", "Order", "Subscription", "Left", "Probability", "Latency or Retry-After", "Hits", "Created", ""],
                rules.Select(r => Row(session, r)));
            var add = "<h2>Add a fault rule</h2>\n<p>A request rule answers the calls of this target whose root field is the operation, in the API version, "
                + "naming the order (by id or by alias, as the request names it); a field left empty matches any. A DeliveryFailure rule fails "
                + "webhook delivery attempts to the subscription (empty: any). It fires the next count times (empty: always), each time with the "
                + "probability (empty: 1) drawn from its seed.</p>\n"
                + Form(Url, session, AddFields(sent), "Add fault rule", "rule");
            return ConsolePages.Html(Page("Faults", table + add, session, session.TakeNotice(), error), status);
        }
        catch (Exception e) when (ConsolePages.Refusal(e) is { } refusal)
        {
            return ConsolePages.Html(Page("Faults", """<p><a href="/console/orders">Back to the orders</a></p>""", session, error: error ?? refusal.Message),
                error is null ? refusal.Status : status);
        }
    }
}
