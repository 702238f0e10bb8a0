using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Events;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// What each subscription of a committed event receives, as BwP's event pages show it: a 2024-11-01 subscription
/// gets the webhook envelope (<c>idempotencyKey, eventDescriptor, resources, eventId, apiVersion, subscriptionId,
/// eventTime, data</c>), to its webhook or as the <c>detail</c> of an EventBridge event; an older subscription
/// (EventBridge only) gets the thin EventBridge event, <c>detail: {}</c>, under its version's event name.
/// </summary>
public sealed class EventPayloads(OrderSnapshots snapshots, ILogger<EventPayloads> logger)
{
    public async Task<IReadOnlyList<DeliveryPlan>> PlanAsync(OutboxEvent e, IReadOnlyList<EventSubscription> subscriptions, CancellationToken ct)
    {
        var plans = new List<DeliveryPlan>();
        JsonObject? data = null;
        foreach (var subscription in subscriptions.Where(s => s.CanonicalType == e.EventType))
        {
            // The event's id is the same for every subscription; the idempotency key is per delivery. Both are
            // derived from the outbox entry, so they never change, whatever happens to the delivery.
            var eventId = StableId($"{e.TargetId}/{e.Sequence}");
            var idempotencyKey = StableId($"{eventId}/{subscription.Id}");
            var time = Domain.Timestamps.FormatSeconds(Domain.Timestamps.Parse(e.OccurredAt));
            JsonNode body;
            if (subscription.ApiVersion == ApiSchemas.V2024_11_01)
            {
                data ??= await DataAsync(e, ct);
                var envelope = new JsonObject
                {
                    ["idempotencyKey"] = idempotencyKey,
                    ["eventDescriptor"] = subscription.EventType,
                    ["resources"] = new JsonArray(e.Resource),
                    ["eventId"] = eventId,
                    ["apiVersion"] = subscription.ApiVersion,
                    ["subscriptionId"] = subscription.Id,
                    ["eventTime"] = time,
                    ["data"] = data.DeepClone(),
                };
                body = subscription.Destination is EventBridgeDestination bridge ? PutEvents(bridge, subscription.EventType, e.Resource, time, envelope) : envelope;
            }
            else
            {
                body = PutEvents((EventBridgeDestination)subscription.Destination, subscription.EventType, e.Resource, time, []);
            }
            plans.Add(new DeliveryPlan(subscription.Id, subscription.EventType, eventId, idempotencyKey, body.ToJsonString()));
        }
        return plans;
    }

    /// <summary>The event's data; an order that cannot be rendered must not hold up every later event, so it is sent without.</summary>
    private async Task<JsonObject> DataAsync(OutboxEvent e, CancellationToken ct)
    {
        try
        {
            return await snapshots.DataAsync(e.TargetId, e.EventType, e.Resource, e.Snapshot, ct);
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
