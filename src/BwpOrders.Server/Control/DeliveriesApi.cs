using BwpOrders.Domain;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Events;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Events.Sending;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Control;

/// <summary>
/// <c>/control/v1/deliveries</c>: the delivery log of the caller's target (every attempt: time, status, latency,
/// error) and redelivery of a delivery with the same body, ids and signature input.
/// </summary>
public static class DeliveriesApi
{
    private const int MaxPage = 500;

    public static void Map(RouteGroupBuilder control)
    {
        control.MapGet("/deliveries", (HttpContext http, AccessGuard guard, IEventStore events) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "reading the delivery log");
            var q = http.Request.Query;
            var state = q["status"].ToString() is { Length: > 0 } s ? s.ToUpperInvariant() : null;
            if (state is not null && !DeliveryStates.All.Contains(state)) throw Invalid($"status must be one of {string.Join(", ", DeliveryStates.All)}");
            long? before = q["before"].ToString() is { Length: > 0 } b ? long.TryParse(b, out var id) ? id : throw Invalid("before must be a delivery id") : null;
            var first = q["first"].ToString() is { Length: > 0 } f ? int.TryParse(f, out var n) && n is > 0 and <= MaxPage ? n : throw Invalid($"first must be 1 to {MaxPage}") : 50;
            var page = await ViewsAsync(events, new DeliveryQuery(target, Text(q["subscriptionId"]), state, Text(q["orderId"]), before, first), http.RequestAborted);
            return new { deliveries = page, next = page.Count == first ? page[^1].Id.ToString() : null };
        }));

        control.MapGet("/deliveries/{id:long}", (HttpContext http, long id, AccessGuard guard, IEventStore events) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "reading a delivery");
            var found = (await ViewsAsync(events, new DeliveryQuery(target, Before: id + 1, First: 1), http.RequestAborted)).FirstOrDefault(d => d.Id == id)
                ?? throw BwpException.NotFound($"No delivery {id} in this target.");
            return found with { Payload = found.Body };
        }));

        control.MapPost("/deliveries/{id:long}/redeliver", (HttpContext http, long id, AccessGuard guard, IEventStore events, DeliverySignal signal, TimeProvider clock) => ControlApi.Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "redelivering an event");
            var delivery = await RedeliverAsync(events, signal, clock, target, id, http.RequestAborted);
            return (await ViewsAsync(events, new DeliveryQuery(target, Before: delivery.Id + 1, First: 1), http.RequestAborted))[0];
        }));
    }

    /// <summary>Queues a new delivery of the same event, body and ids, and wakes the sender; the console's Redeliver button does the same.</summary>
    public static async Task<Delivery> RedeliverAsync(IEventStore events, DeliverySignal signal, TimeProvider clock, string target, long id, CancellationToken ct)
    {
        var delivery = await events.RedeliverAsync(target, id, clock.GetUtcNow(), ct)
            ?? throw BwpException.NotFound($"No delivery {id} in this target, or its subscription was deleted.");
        signal.Notify();
        return delivery;
    }

    /// <summary>A page of deliveries with their attempts, as the log shows them.</summary>
    public static async Task<IReadOnlyList<DeliveryView>> ViewsAsync(IEventStore events, DeliveryQuery query, CancellationToken ct)
    {
        var deliveries = await events.ListDeliveriesAsync(query, ct);
        var attempts = (await events.ListAttemptsAsync(deliveries.Select(d => d.Id).ToList(), ct)).ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => new DeliveryView(d.Id, d.Sequence, d.SubscriptionId, d.OrderId.Length == 0 ? null : d.OrderId, d.EventType, d.EventId, d.IdempotencyKey, d.State,
            d.State == DeliveryStates.Pending ? Timestamps.Format(d.NextAttemptAt) : null, d.LastError, d.CreatedAt, d.DeliveredAt,
            attempts[d.Id].Select(a => new AttemptView(a.Number, a.At, a.StatusCode, a.LatencyMs, a.Error)).ToList(), null) { Body = d.Payload }).ToList();
    }

    /// <summary>A filter value: none, or 1 to 200 characters (a longer one is refused, not dropped: dropping it would widen the answer).</summary>
    private static string? Text(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() switch
    {
        { Length: 0 } => null,
        { Length: <= 200 } text => text,
        _ => throw Invalid("subscriptionId and orderId may be at most 200 characters"),
    };

    private static RequestRejected Invalid(string message) => new(400, ErrorKind.Validation, ErrorCodes.InvalidInput, message);
}

/// <summary>A delivery as the log shows it; <see cref="Payload"/> only when one delivery is asked for.</summary>
public sealed record DeliveryView(
    long Id, [property: System.Text.Json.Serialization.JsonIgnore] long Sequence, string SubscriptionId, string? OrderId, string EventType, string EventId,
    string IdempotencyKey, string State, string? NextAttemptAt, string? LastError, string CreatedAt, string? DeliveredAt, IReadOnlyList<AttemptView> Attempts, string? Payload)
{
    [System.Text.Json.Serialization.JsonIgnore] public string Body { get; init; } = "";
}

public sealed record AttemptView(int Number, string At, int? StatusCode, long LatencyMs, string? Error);
