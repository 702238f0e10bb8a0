using System.Text.Json;
using BwpOrders.Domain;
using BwpOrders.Server.Http;
using BwpOrders.Domain.Access;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Events;
using BwpOrders.Server.Api;
using BwpOrders.Server.Auth;
using BwpOrders.Server.Events;
using BwpOrders.Server.GraphQL;
using BwpOrders.Server.Hosting;
using BwpOrders.Server.Api.EventSubscriptions;

namespace BwpOrders.Server.Control;

/// <summary>
/// <c>/control/v1</c>: what BwpOrders adds beyond BwP's API, with the same bearer token, <c>x-api-target-id</c>
/// and error shape (reads need View Order Data, writes Edit Order Data). JSON in and out.
/// </summary>
public static class ControlApi
{
    public const long MaxAdvanceSeconds = 10L * 366 * 24 * 3600;

    public static void Map(WebApplication app, bool production, ControlSettings settings)
    {
        var control = app.MapGroup("/control/v1").RequireRateLimiting(RequestProtection.GraphQLPolicy);
        DeliveriesApi.Map(control);
        ListingsApi.Map(control);
        RequestsApi.Map(control, production);
        FaultsApi.Map(control);
        TestingApi.Map(control, production, settings);
        CatalogApi.Map(control, production);

        control.MapGet("/clock", (HttpContext http, AccessGuard guard, SimulatedClock clock) => Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "reading the clock");
            return Clock(target, await clock.NowAsync(target, http.RequestAborted), clock.RealNow, actionsRun: null);
        }));

        control.MapPost("/clock/advance", (HttpContext http, AccessGuard guard, SimulatedClock clock, OrderService orders) => Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "advancing the clock");
            var seconds = await ReadSecondsAsync(http.Request);
            var (now, ran) = await AdvanceClockAsync(clock, orders, target, seconds, http.RequestAborted);
            return Clock(target, now, clock.RealNow, ran);
        }));

        // BwP's side: a shopper starts a return of delivered items, as from BwP's online returns center.
        control.MapPost("/orders/{orderId}/returns", (HttpContext http, string orderId, AccessGuard guard, OrderService orders) => Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.EditOrderData, "starting a shopper return");
            var started = await StartShopperReturnAsync(orders, target, orderId, await ReadReturnAsync(http.Request), http.RequestAborted);
            return new
            {
                returnId = started.Id,
                started.State,
                returnLineItems = started.ReturnLineItems.Select(l => new { l.Id, lineItemId = l.ReturnFor.OrderLineItemAmounts[0].LineItemId, amount = l.ReturnFor.OrderLineItemAmounts[0].Amount.Value }),
                returnPackages = started.ReturnPackages.Select(p => new
                {
                    p.Id, p.State, p.Rma,
                    carrierCode = p.PackageTracker?.PackageTrackerIdentifier.CarrierCode,
                    trackingNumber = p.PackageTracker?.PackageTrackerIdentifier.TrackingNumber,
                }),
            };
        }));

        control.MapGet("/orders/{orderId}/timeline", (HttpContext http, string orderId, AccessGuard guard, IOrderStore store, IEventStore events) => Handle(http, async () =>
        {
            var (_, target) = await guard.AuthorizeAsync(http, Scopes.ViewOrderData, "reading an order's timeline");
            return await TimelineAsync(store, events, target, orderId, RequestedVersion(http.Request), http.RequestAborted);
        }));
    }

    /// <summary>Moves the target's clock forward and runs what became due (BwP's scheduled moves); the console's button does the same.</summary>
    public static async Task<(DateTimeOffset Now, int ActionsRun)> AdvanceClockAsync(SimulatedClock clock, OrderService orders, string target, double seconds, CancellationToken ct)
    {
        var now = await clock.AdvanceAsync(target, TimeSpan.FromSeconds(seconds), ct);
        return (now, await orders.RunDueAsync(target, ct));
    }

    /// <summary>An order's changes, oldest first, each with the events it recorded (named as in <paramref name="version"/>) and their deliveries.</summary>
    public static async Task<OrderTimeline> TimelineAsync(IOrderStore store, IEventStore events, string target, string orderId, ApiVersion version, CancellationToken ct)
    {
        var order = await store.FindAsync(target, new OrderLookup(OrderId: orderId), ct)
            ?? throw BwpException.NotFound($"No order found with id '{orderId}'.");
        var recorded = (await store.ReadOutboxAsync(target, orderId, ct)).ToLookup(e => e.OrderVersion);
        var changes = await store.ReadChangesAsync(target, orderId, ct);
        var deliveries = (await DeliveriesApi.ViewsAsync(events, new DeliveryQuery(target, OrderId: orderId, First: 1000), ct)).ToLookup(d => d.Sequence);
        return new OrderTimeline(orderId, order.Version, version.Name, changes.Select(c => new TimelineChange(c.Version, c.OccurredAt, c.Operation,
            recorded[c.Version]
                .Select(e => (e, name: EventNames.In(version, e.EventType)))
                .Where(x => x.name is not null)
                .Select(x => new TimelineEvent(x.e.Sequence, x.name!, x.e.Resource, x.e.OccurredAt, deliveries[x.e.Sequence].ToList()))
                .ToList())).ToList());
    }

    private static object Clock(string target, DateTimeOffset now, DateTimeOffset real, int? actionsRun) => new
    {
        targetId = target,
        now = Domain.Timestamps.Format(now),
        offsetSeconds = Math.Round((now - real).TotalSeconds) + 0.0, // + 0.0: real time read after the target's prints -0 otherwise
        actionsRun,
    };

    /// <summary>Runs a control operation, answering refusals and domain errors in BwP's error shape; no result is 204 No Content.</summary>
    internal static async Task Handle(HttpContext http, Func<Task<object?>> operation)
    {
        try
        {
            var result = await operation();
            if (result is null)
            {
                http.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, result, JsonOptions, http.RequestAborted);
        }
        catch (RequestRejected rejected)
        {
            await BwpResponses.WriteErrorAsync(http, rejected.Status, rejected.Kind, rejected.Code, rejected.Message, http.RequestAborted);
        }
        catch (BwpException e)
        {
            await BwpResponses.WriteErrorAsync(http, ErrorMapping.Classify(e.Kind).Status, e.Kind, e.Code, e.Message, http.RequestAborted);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static ApiVersion RequestedVersion(HttpRequest request)
    {
        var version = request.Headers[GraphQLEndpoint.VersionHeader].ToString();
        if (version.Length == 0) return ApiVersion.Latest;
        return ApiVersion.Parse(version)
            ?? throw new RequestRejected(400, ErrorKind.Validation, "UnsupportedApiVersion", $"API version '{GraphQLEndpoint.Truncate(version)}' is not supported.");
    }

    /// <summary>
    /// BwP's side: a shopper returns <paramref name="items"/> of a delivered order (a reason of OTHER unless given);
    /// the console's "Start a return" form runs the same.
    /// </summary>
    public static Task<Domain.Model.ReturnDetails> StartShopperReturnAsync(OrderService orders, string target, string orderId, IReadOnlyList<ShopperReturnItem>? items, CancellationToken ct)
    {
        if (items is not { Count: > 0 and <= 100 } || !items.All(i => i.LineItemId is { Length: > 0 and <= 200 } && i.ReasonCode is null or { Length: <= 100 } && i.AdditionalComments is null or { Length: <= 2000 }))
            throw new RequestRejected(400, ErrorKind.Validation, ErrorCodes.InvalidInput,
                "Send {\"items\": [{\"lineItemId\": \"...\", \"amount\": 1, \"reasonCode\": \"DAMAGED_DEFECTIVE_ITEM\", \"additionalComments\": \"...\"}]} (1 to 100 items; comments up to 2,000 characters).");
        return orders.StartReturnAsync(target, new StartReturnCommand
        {
            Order = new OrderLookup(OrderId: orderId),
            Items = items.Select(i => new ReturnedItemPatch(i.LineItemId!, i.Amount, i.ReasonCode ?? "OTHER", i.AdditionalComments)).ToList(),
        }, ct: ct);
    }

    /// <summary><c>{"items": [{"lineItemId", "amount", "reasonCode", "additionalComments"}]}</c>; a body that is not JSON is as one with no items.</summary>
    private static async Task<List<ShopperReturnItem>?> ReadReturnAsync(HttpRequest request)
    {
        try
        {
            return (await JsonSerializer.DeserializeAsync<ReturnRequest>(request.Body, JsonOptions, request.HttpContext.RequestAborted))?.Items;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record ReturnRequest(List<ShopperReturnItem>? Items);

    private static async Task<double> ReadSecondsAsync(HttpRequest request)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("seconds", out var seconds)
                && seconds.ValueKind == JsonValueKind.Number && seconds.TryGetDouble(out var value) && value is >= 0 and <= MaxAdvanceSeconds)
                return value;
        }
        catch (JsonException) { }
        throw new RequestRejected(400, ErrorKind.Validation, ErrorCodes.InvalidInput,
            $"Send {{\"seconds\": N}} with 0 <= N <= {MaxAdvanceSeconds}: how far to move the target's clock forward.");
    }
}

/// <summary>An amount of a line item a shopper returns, with their reason.</summary>
public sealed record ShopperReturnItem(string? LineItemId, decimal Amount, string? ReasonCode, string? AdditionalComments);

/// <summary><c>GET /control/v1/orders/{id}/timeline</c>'s answer, which the console shows too.</summary>
public sealed record OrderTimeline(string OrderId, long Version, string ApiVersion, IReadOnlyList<TimelineChange> Changes);

public sealed record TimelineChange(long Version, string OccurredAt, string Operation, IReadOnlyList<TimelineEvent> Events);

public sealed record TimelineEvent(long Sequence, string EventType, string Resource, string OccurredAt, IReadOnlyList<DeliveryView> Deliveries);
