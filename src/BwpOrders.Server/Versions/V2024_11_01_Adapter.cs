using BwpOrders.Server.Api;
using BwpOrders.Server.Events;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Versions;

/// <summary>API 2024-11-01: package information with trackers, and updateOrder(orderIdentifier:, input:).</summary>
public static class V2024_11_01_Adapter
{
    public static void Configure(SchemaBuilder builder, ApiVersion version) => builder
        .EventInterface(version)
        .PackageInformation()
        .OfferPrice()
        .ReturnLineItems()
        .ReturnsView()
        .ReversalOffers()
        // Offers are not served yet (createOrderFromOffer comes with the checkout interfaces): no line item has any.
        .Null("LineItem", "reversalOffers")
        .Root("Query", "order", OrderOperations.GetByIdentifier)
        .Root("Query", "packageTracker", AmazonSideOperations.Tracker)
        .Root("Query", "return", AmazonSideOperations.Return)
        .Root("Query", "reversalOffers", AmazonSideOperations.ReversalOffers)
        .Root("Mutation", "cancelOrder", AmazonSideOperations.Cancel)
        .Root("Mutation", "createReturn", AmazonSideOperations.CreateReturn)
        .Root("Mutation", "updateReturn", AmazonSideOperations.UpdateReturn)
        .Root("Mutation", "updateOrderPackageInformation", AmazonSideOperations.MovePackages)
        .Root("Mutation", "updateOrderReturns", AmazonSideOperations.MoveReturns)
        .Root("Mutation", "updateOrder", async (ctx, request) =>
        {
            var lookup = CommandMapper.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
            var command = CommandMapper.Update(lookup, ctx.Argument("input"));
            return new OrderResponse(await request.Orders.UpdateAsync(request.TargetId, command, ctx.CancellationToken));
        });
}
