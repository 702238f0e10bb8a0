using System.Text.Json.Nodes;
using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// The <c>data.order</c> of the webhook events whose pages show one: the subscription version's <c>order</c> query's
/// answer, for the order as it was when the event happened, with the fields each event page shows (a refund or return
/// event carries only that refund or return). The selections are BwP's 2024-11-01 event pages, so they suit the
/// versions that send the envelope (<see cref="Api.EventPayload.Envelope"/>) in that order shape.
/// </summary>
public sealed class OrderSnapshots(ApiSchemas schemas, IDocumentExecuter executer, global::GraphQL.SystemTextJson.GraphQLSerializer serializer, OrderService orders, SimulatedClock clock)
{
    private const string Identity = "id aliases { aliasId aliasType }";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Version, string EventType), GraphQLParser.AST.GraphQLDocument> _documents = new();

    private static readonly Dictionary<string, string> Selections = new()
    {
        [EventTypes.OrderConfirmed] = Identity + """
             metadata { createdAt executionState } orderLinks { destinationType displayMessage url }
             customer { id contact { email id name } }
             lineItems { id aliases { aliasId aliasType } amount { unit value }
               product { amazonSku { marketplaceId value } externalId { value } image { altText displayReadyUrl sourceUrl } offerPrime
                 price { amount currencyCode } productDetailPageUrl productId { value } sku { value } title } }
            """,
        [EventTypes.RefundRequested] = Refunds,
        [EventTypes.RefundCompleted] = Refunds,
        [EventTypes.ReturnCompleted] = Identity + """
             returns { details { id createdAt updatedAt state aliases { aliasId aliasType }
               returnLineItems { id returnFor { orderLineItemAmounts { amount { unit value } lineItem { id } } } } } }
            """,
    };

    private const string Refunds = Identity + """
         refunds { details { id createdAt updatedAt state refundRequestReason refundStatusReason
           refundTotal { totalAmount { amount currencyCode } } refundFor { orderLineItems { lineItem { id } } } } }
        """;

    /// <returns>The event's <c>data</c>: <c>{"order": ...}</c> for the events that carry the order, else <c>{}</c>.</returns>
    public async Task<JsonObject> DataAsync(Api.ApiVersion version, string targetId, string eventType, string resource, string? snapshot, CancellationToken ct)
    {
        if (snapshot is null || !Selections.TryGetValue(eventType, out var selection)) return [];
        // Each event type's query is parsed and validated once; after that only executed.
        var validated = _documents.TryGetValue((version.Name, eventType), out var document);
        document ??= GraphQLParser.Parser.Parse($"{{ order(orderIdentifier: {{ orderId: \"snapshot\" }}) {{ {selection} }} }}");
        var result = await executer.ExecuteAsync(options =>
        {
            options.Schema = schemas.Find(version);
            options.Document = document;
            if (validated) options.ValidationRules = [];
            // The server's own fixed query, run for no caller: there is nothing to check it against.
            options.UserContext = new RequestContext(targetId, orders, clock) { Snapshot = OrderJson.Deserialize(snapshot), CheckedOperation = OperationSelection.Select(document, null) };
            options.CancellationToken = ct;
        });
        if (!validated && result.Errors is not { Count: > 0 }) _documents[(version.Name, eventType)] = document;
        var order = JsonNode.Parse(serializer.Serialize(result))!["data"]?["order"]?.AsObject()
            ?? throw new InvalidOperationException($"the {eventType} snapshot did not render: {serializer.Serialize(result)}");
        KeepOnly(order, "refunds", resource, "/refund/");
        KeepOnly(order, "returns", resource, "/return/");
        return new JsonObject { ["order"] = order.DeepClone() };
    }

    /// <summary>Keeps in <c>order[field].details</c> only the entry the event's resource names.</summary>
    private static void KeepOnly(JsonObject order, string field, string resource, string marker)
    {
        var at = resource.LastIndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || order[field]?["details"] is not JsonArray details) return;
        var id = resource[(at + marker.Length)..];
        foreach (var other in details.Where(d => (string?)d?["id"] != id).ToList()) details.Remove(other);
    }
}
