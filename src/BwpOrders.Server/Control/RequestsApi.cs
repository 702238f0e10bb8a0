using System.Globalization;
using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Journal;

namespace BwpOrders.Server.Control;

/// <summary>
/// <c>/control/v1/requests</c>: the caller's target's recent GraphQL requests as this process saw them
/// (<see cref="RequestJournal"/>), newest first; in the sandbox, full capture of their bodies turned on for a while.
/// </summary>
public static class RequestsApi
{
    public static readonly string[] Results = ["ok", "error", "refused"];

    public static void Map(RouteGroupBuilder control, bool production)
    {
        control.MapGet("/requests", (HttpContext http, AccessGuard guard, RequestJournal journal) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "reading the request journal");
            var (page, next) = List(journal, target, ListingsApi.Query(http, "The request journal"));
            return new { requests = page, next, capture = Capture(journal, target) };
        }));

        control.MapPut("/requests/capture", (HttpContext http, AccessGuard guard, RequestJournal journal) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "turning full capture of requests on or off");
            if (production) throw SandboxOnly.Refusal("Full capture of requests and responses");
            var on = await ReadFullAsync(http.Request);
            journal.SetCapture(target, on, out var refused);
            if (refused)
                throw new RequestRejected(409, ErrorKind.Conflict, "CaptureLimitExceeded",
                    "Full capture is on for as many targets of this server as it allows (Journal:MaxCapturingTargets); it turns off by itself after Journal:CaptureFor, or turn it off for another target.");
            return Capture(journal, target);
        }));

        control.MapDelete("/requests", (HttpContext http, AccessGuard guard, RequestJournal journal) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "clearing the request journal");
            journal.Forget(target);
            return null;
        }));
    }

    /// <summary>
    /// A page of the target's journal by the filters <c>field, result, before, first</c>, and the <c>before</c> of the
    /// next (older) page: null when this one is not full.
    /// </summary>
    public static (IReadOnlyList<JournalEntry> Page, string? Next) List(RequestJournal journal, string target, ListingQuery q)
    {
        var (field, result, before, first) = (q.Text("field"), q.OneOf("result", Results), q.Number("before"), q.First());
        q.Done();
        var page = journal.List(target, before, field, result, first);
        return (page, page.Count == first ? page[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static object Capture(RequestJournal journal, string target) =>
        journal.CaptureUntil(target) is { } until ? new { full = true, until = (string?)Timestamps.Format(until) } : new { full = false, until = (string?)null };

    private static async Task<bool> ReadFullAsync(HttpRequest request)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("full", out var full) && full.ValueKind is JsonValueKind.True or JsonValueKind.False)
                return full.GetBoolean();
        }
        catch (JsonException) { }
        throw new RequestRejected(400, ErrorKind.Validation, ErrorCodes.InvalidInput,
            "Send {\"full\": true} to keep each request's query, variables and response for a while, or {\"full\": false} to stop.");
    }
}
