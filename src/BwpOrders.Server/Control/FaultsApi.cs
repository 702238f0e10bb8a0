using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Faults;

namespace BwpOrders.Server.Control;

/// <summary>
/// <c>/control/v1/faults</c> (sandbox only): the caller's target's fault rules — add, list with their hits, delete one
/// or all. A production server refuses every route (<see cref="SandboxOnly"/>).
/// </summary>
public static class FaultsApi
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapGet("/faults", (HttpContext http, AccessGuard guard, FaultInjector injector, FaultRules rules) => ControlApi.Handle(http, async () =>
        {
            var target = await AuthorizeAsync(http, guard, injector, Scopes.ViewOrderData, "reading fault rules");
            return rules.Read(target, faults => new
            {
                faults = faults.Rules.Select(View).ToList(),
                headerFaults = new { hits = faults.HeaderFaults.Hits, recentHits = faults.HeaderFaults.Recent },
            });
        }));

        control.MapPost("/faults", (HttpContext http, AccessGuard guard, FaultInjector injector, FaultRules rules) => ControlApi.Handle(http, async () =>
        {
            var target = await AuthorizeAsync(http, guard, injector, Scopes.EditOrderData, "adding a fault rule");
            var rule = Add(rules, target, await ReadBodyAsync(http.Request));
            return rules.Read(target, _ => View(rule));
        }));

        control.MapDelete("/faults/{id}", (HttpContext http, string id, AccessGuard guard, FaultInjector injector, FaultRules rules) => ControlApi.Handle(http, async () =>
        {
            var target = await AuthorizeAsync(http, guard, injector, Scopes.EditOrderData, "deleting a fault rule");
            Delete(rules, target, id);
            return new { id, deleted = true };
        }));

        control.MapDelete("/faults", (HttpContext http, AccessGuard guard, FaultInjector injector, FaultRules rules) => ControlApi.Handle(http, async () =>
        {
            var target = await AuthorizeAsync(http, guard, injector, Scopes.EditOrderData, "clearing fault rules");
            return new { deleted = rules.Clear(target) };
        }));
    }

    private static async Task<string> AuthorizeAsync(HttpContext http, AccessGuard guard, FaultInjector injector, string scope, string action)
    {
        var (_, target) = await guard.AuthorizeAsync(http, scope, action);
        RequireSandbox(injector);
        return target;
    }

    /// <summary>Fault rules are a sandbox's only; the console's Faults page asks the same.</summary>
    public static void RequireSandbox(FaultInjector injector)
    {
        if (!injector.Enabled) throw SandboxOnly.Refusal("Fault rules");
    }

    /// <summary>Adds the rule <paramref name="body"/> describes (as <c>POST /control/v1/faults</c> takes it), refusing what the reader refuses.</summary>
    public static FaultRule Add(FaultRules rules, string target, JsonElement body) => rules.Add(target, FaultSpecReader.Read(body));

    public static void Delete(FaultRules rules, string target, string id)
    {
        if (!rules.Remove(target, id)) throw BwpException.NotFound($"No fault rule {GraphQL.GraphQLEndpoint.Truncate(id)} in this target.");
    }

    /// <summary>A rule as listed: what it matches and answers, what it has left, and its hits.</summary>
    private static object View(FaultRule rule)
    {
        var s = rule.Spec;
        return new
        {
            id = rule.Id,
            error = s.Kind.ToString(),
            operation = s.Operation,
            version = s.Version,
            orderId = s.OrderId,
            alias = s.Alias,
            subscriptionId = s.SubscriptionId,
            count = s.Count,
            remaining = rule.Remaining,
            probability = s.Probability,
            seed = s.Seed,
            latencyMs = s.LatencyMs,
            retryAfterSeconds = s.Kind == FaultKind.ThrottlingError ? s.RetryAfterSeconds : (int?)null,
            hits = rule.Log.Hits,
            recentHits = rule.Log.Recent,
            createdAt = rule.CreatedAt,
        };
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw FaultSpecReader.Invalid("The body must be JSON: {\"operation\": \"updateOrder\", \"error\": \"ThrottlingError\", \"count\": 1}.");
        }
    }
}
