using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Events;
using BwpOrders.Server.Api;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// What each subscription of a committed event receives, as BwP's event pages show it: a subscription whose version
/// sends <see cref="EventPayload.Envelope"/> (2024-11-01) gets the webhook envelope (<c>idempotencyKey, eventDescriptor, resources, eventId, apiVersion, subscriptionId,
/// eventTime, data</c>), to its webhook or as the <c>detail</c> of an EventBridge event; one of an
/// <see cref="EventPayload.EmptyDetail"/> version (EventBridge only) gets the thin EventBridge event, <c>detail: {}</c>, under its version's event name.
/// </summary>
public sealed class EventPayloads(OrderSnapshots snapshots, ILogger<EventPayloads> logger)
{
    public async Task<IReadOnlyList<DeliveryPlan>> PlanAsync(OutboxEvent e, IReadOnlyList<EventSubscription> subscriptions, CancellationToken ct)
    {
        var plans = new List<DeliveryPlan>();
        var data = new Dictionary<ApiVersion, JsonObject>(); // the order (or product) as each version shows it, rendered once
        foreach (var subscription in subscriptions.Where(s => s.CanonicalType == e.EventType))
        {
            // The event's id is the same for every subscription; the idempotency key is per delivery. Both are
            // derived from the outbox entry, so they never change, whatever happens to the delivery.
            var eventId = StableId($"{e.TargetId}/{e.Sequence}");
            var idempotencyKey = StableId($"{eventId}/{subscription.Id}");
            var time = Domain.Timestamps.FormatSeconds(Domain.Timestamps.Parse(e.OccurredAt));
            var version = ApiVersion.Parse(subscription.ApiVersion);
            JsonNode? body = version?.EventPayload switch
            {
                EventPayload.Envelope => await EnvelopeAsync(version, e, subscription, eventId, idempotencyKey, time, data, ct),
                EventPayload.EmptyDetail when subscription.Destination is EventBridgeDestination bridge => PutEvents(bridge, subscription.EventType, e.Resource, time, []),
                _ => null,
            };
            if (body is null)
            {
                // Fail closed: a version no longer served, or a destination its payload cannot go to, gets nothing.
                logger.LogError("Subscription {SubscriptionId} (API version {ApiVersion}) has no payload this server can send; event {Sequence} is not delivered to it.",
                    subscription.Id, subscription.ApiVersion, e.Sequence);
                continue;
            }
            plans.Add(new DeliveryPlan(subscription.Id, subscription.EventType, eventId, idempotencyKey, body.ToJsonString()));
        }
        return plans;
    }

    /// <summary>BwP's envelope: the webhook body, or the <c>detail</c> of an EventBridge event.</summary>
    private async Task<JsonNode> EnvelopeAsync(ApiVersion version, OutboxEvent e, EventSubscription subscription, string eventId, string idempotencyKey,
        string time, Dictionary<ApiVersion, JsonObject> data, CancellationToken ct)
    {
        if (!data.TryGetValue(version, out var order)) data[version] = order = await DataAsync(version, e, ct);
        var envelope = new JsonObject
        {
            ["idempotencyKey"] = idempotencyKey,
            ["eventDescriptor"] = subscription.EventType,
            ["resources"] = new JsonArray(e.Resource),
            ["eventId"] = eventId,
            ["apiVersion"] = subscription.ApiVersion,
            ["subscriptionId"] = subscription.Id,
            ["eventTime"] = time,
            ["data"] = order.DeepClone(),
        };
        return subscription.Destination is EventBridgeDestination bridge ? PutEvents(bridge, subscription.EventType, e.Resource, time, envelope) : envelope;
    }

    /// <summary>The event's data; an order that cannot be rendered must not hold up every later event, so it is sent without.</summary>
    private async Task<JsonObject> DataAsync(ApiVersion version, OutboxEvent e, CancellationToken ct)
    {
        try
        {
            return ProductSnapshots.Data(e.EventType, e.Snapshot) ?? await snapshots.DataAsync(version, e.TargetId, e.EventType, e.Resource, e.Snapshot, ct);
        }
        catch (InvalidOperationException failure)
        {
            logger.LogError(failure, "The order of event {Sequence} ({EventType}) could not be rendered; it is delivered with empty data", e.Sequence, e.EventType);
            return [];
        }
    }

    /// <summary>An EventBridge <c>PutEvents</c> request with the one event: EventBridge adds version, id, account and region.</summary>
    private static JsonObject PutEvents(EventBridgeDestination destination, string detailType, string resource, string time, JsonObject detail) => new()
    {
        ["Entries"] = new JsonArray(new JsonObject
        {
            ["Source"] = destination.Source,
            ["DetailType"] = detailType,
            ["Detail"] = detail.ToJsonString(),
            ["Resources"] = new JsonArray(resource),
            ["Time"] = Domain.Timestamps.Parse(time).ToUnixTimeSeconds(),
        }),
    };

    /// <summary>A UUID-shaped id that is always the same for the same input.</summary>
    private static string StableId(string input)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        hash[6] = (byte)((hash[6] & 0x0f) | 0x50); // version 5-style, name-based
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
