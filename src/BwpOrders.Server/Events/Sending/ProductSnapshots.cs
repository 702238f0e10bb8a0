using System.Text.Json.Nodes;
using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// The <c>data.product</c> of the catalog events whose page shows one (BUYABILITY_CHANGED, 2024-11-01:
/// <c>{externalId{value} id amazonSku{value} sku{value} buyability{status}}</c>), for the product as the write that
/// raised the event left it. An identifier the product does not have is null, as the <c>product</c> query answers it.
/// </summary>
public static class ProductSnapshots
{
    /// <returns><c>{"product": ...}</c> for the events that carry the product, else null.</returns>
    public static JsonObject? Data(string eventType, string? snapshot)
    {
        if (snapshot is null || !EventTypes.CarryingProduct.Contains(eventType)) return null;
        var product = System.Text.Json.JsonSerializer.Deserialize<CatalogProduct>(snapshot, OrderJson.Options)
            ?? throw new InvalidOperationException($"the {eventType} snapshot is not a product");
        return new JsonObject
        {
            ["product"] = new JsonObject
            {
                ["externalId"] = Value(product.ExternalId),
                ["id"] = product.Id,
                ["amazonSku"] = Value(product.AmazonSku?.Value),
                ["sku"] = Value(product.Sku),
                ["buyability"] = new JsonObject { ["status"] = product.Buyability },
            },
        };
    }

    private static JsonObject? Value(string? value) => value is null ? null : new JsonObject { ["value"] = value };
}
