using BwpOrders.Server.Api;
using BwpOrders.Server.Events;
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
    public static void Configure(SchemaBuilder builder, ApiVersion version) => builder
        .EventInterface(version)
        .DeliveryInformation()
        .ReversalOfferGroups()
        .Root("Query", "generateReversalOffers", AmazonSideOperations.ReversalOffers)
        .Root("Mutation", "updateOrderDeliveryInformation", AmazonSideOperations.MoveDeliveries)
        .Root("Mutation", "updateOrderReturns", AmazonSideOperations.MoveReturns)
        .Map<Order>("Order", "orderAliases", o => o.Aliases)
        .Map<LineItem>("LineItem", "lineItemAliases", l => l.Aliases)
        .Map<LineItem>("LineItem", "quantity", l => l.Amount)
        .Map<LineItem>("LineItem", "purchasedItem", l => l.Product)
        .Map<Product>("PurchasedItem", "price", p => new { CurrentPrice = p.Price })
        .Map<Product>("PurchasedItem", "itemIdentifiers", ItemIdentifiers)
        .Null("DeliveryOfferDetails", "estimatedDeliveryDate")
        .Map<DeliveryOfferDetails>("DeliveryOfferDetails", "lineItemAssociations", d => d.DeliveryFor)
        .Map<ReturnDetails>("ReturnDetails", "returnFor", r => new { OrderLineItems = r.CoveredAmounts })
        .Map<LineItemAmount>("ReturnedOrderLineItem", "returnedQuantity", a => a.Amount)
        .Root("Query", "order", async (ctx, request) =>
        {
            var identifier = ctx.Argument("orderIdentifier");
            if (ctx.HasArgument("orderId"))
                throw BwpException.Validation(ErrorCodes.InvalidInput,
                    "order: the orderId argument is no longer supported; pass orderIdentifier: {orderId: \"...\"} (or {orderAlias: {...}}) instead.");
            if (identifier.IsNull)
                throw BwpException.Validation(ErrorCodes.InvalidInput, "order: pass orderIdentifier: {orderId: \"...\"} or {orderAlias: {aliasType, aliasId}}.");
            return await request.Orders.GetAsync(request.TargetId, CommandMapper.Lookup(identifier, "orderIdentifier"), ctx.CancellationToken);
        })
        .Root("Mutation", "updateOrder", OrderOperations.UpdateByInputOrderId);

    private static IEnumerable<object> ItemIdentifiers(Product product)
    {
        if (product.Identifier?.ProductId is { } id) yield return new { Type = "ID", Value = id };
        if (product.Identifier?.Sku is { } sku) yield return new { Type = "SKU", Value = sku };
        if (product.Identifier?.ExternalId is { } external) yield return new { Type = "EXTERNAL_ID", Value = external };
    }
}
