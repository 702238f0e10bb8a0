using BwpOrders.Server.Api;
using BwpOrders.Server.Events;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Versions;

/// <summary>
/// API 2024-04-01: the 2024-11-01 product, amount and return shapes, with 2024-01-01's delivery information,
/// provider names and updateOrder(input: {orderId, ...}).
/// </summary>
public static class V2024_04_01_Adapter
{
    public static void Configure(SchemaBuilder builder, ApiVersion version) => builder
        .EventInterface(version)
        .DeliveryInformation()
        .OfferPrice()
        .ReturnLineItems()
        .ReversalOffers()
        .Root("Query", "order", OrderOperations.GetByIdentifier)
        .Root("Query", "reversalOffers", AmazonSideOperations.ReversalOffers)
        .Root("Mutation", "cancelOrder", AmazonSideOperations.CancelByInput)
        .Root("Mutation", "updateOrder", OrderOperations.UpdateByInputOrderId);
}
