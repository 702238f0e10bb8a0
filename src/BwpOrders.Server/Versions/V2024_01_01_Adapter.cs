using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;
using GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Versions;

/// <summary>API 2024-01-01: the fields that differ from the canonical order model.</summary>
public static class V2024_01_01_Adapter
{
    public static void Configure(SchemaBuilder builder) => builder
        .Map<Order>("Order", "orderAliases", o => o.Aliases)
        .Map<Order>("Order", "deliveryInformation", o => o.PackageInformation)
        .Map<LineItem>("LineItem", "lineItemAliases", l => l.Aliases)
        .Map<LineItem>("LineItem", "quantity", l => l.Amount)
        .Map<LineItem>("LineItem", "purchasedItem", l => l.Product)
        .Map<Product>("PurchasedItem", "price", p => new { CurrentPrice = p.Price })
        .Map<Product>("PurchasedItem", "itemIdentifiers", ItemIdentifiers)
        // 2024-01-01 reports Amazon fulfilment as PRIME.
        .Map<DeliveryOfferDetails>("DeliveryOfferDetails", "deliveryProvider",
            d => d.DeliveryProvider == DeliveryProviders.Amazon ? "PRIME" : d.DeliveryProvider)
        .Map<ReturnDetails>("ReturnDetails", "returnFor", r => new { OrderLineItems = r.CoveredAmounts })
        .Map<LineItemAmount>("ReturnedOrderLineItem", "returnedQuantity", a => a.Amount)
        .Root("Query", "order", async (ctx, request) =>
        {
            var orderId = ctx.GetArgument<string?>("orderId");
            var identifier = ctx.Argument("orderIdentifier");
            if ((orderId is null) == identifier.IsNull)
                throw BwpException.Validation(ErrorCodes.InvalidInput, "order: pass either orderIdentifier or orderId, not both and not neither.");
            var lookup = orderId is not null ? new OrderLookup(OrderId: orderId) : CommandMapper.Lookup(identifier, "orderIdentifier");
            return await request.Orders.GetAsync(request.TargetId, lookup, ctx.CancellationToken);
        })
        .Root("Mutation", "updateOrder", async (ctx, request) =>
        {
            var input = ctx.Argument("input");
            // input.orderId may be the BwP order id or the aliasId of one of the order's aliases.
            var lookup = new OrderLookup(IdOrAliasId: input.String("orderId"));
            var order = await request.Orders.UpdateAsync(request.TargetId, CommandMapper.Update(lookup, input), ctx.CancellationToken);
            return new OrderResponse(order);
        });

    private static IEnumerable<object> ItemIdentifiers(Product product)
    {
        if (product.Identifier?.ProductId is { } id) yield return new { Type = "ID", Value = id };
        if (product.Identifier?.Sku is { } sku) yield return new { Type = "SKU", Value = sku };
        if (product.Identifier?.ExternalId is { } external) yield return new { Type = "EXTERNAL_ID", Value = external };
    }
}
