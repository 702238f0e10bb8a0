using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Orders;

/// <summary>The Order interface: createOrder, updateOrder and order, and how an order shows in each version.</summary>
public sealed class OrdersModule : IApiModule
{
    /// <summary>The order graph every version shows (its Query and Mutation types, which the other modules extend).</summary>
    public IEnumerable<string> Sdl(ApiVersion version, bool production) => ["Orders/Sdl/common.graphql", $"Orders/Sdl/{version.SchemaName}.graphql"];

    public void Configure(SchemaBuilder builder, ApiVersion version)
    {
        var paths = OrderInputs.PathsIn(version);
        builder.Common()
            .Root("Mutation", "createOrder", OrderOperations.Create, paths)
            .Root("Query", "order", OrderOperations.GetByIdentifier)
            .Root("Mutation", "updateOrder", version.UpdateOrder == OrderArgument.InInput ? OrderOperations.UpdateByInputOrderId : OrderOperations.UpdateByIdentifier, paths);
        if (version.OrderShape == OrderShape.PurchasedItem) builder.PurchasedItems();
        else builder.OfferPrice().ReturnLineItems();
        if (version.Packages == PackageView.DeliveryInformation) builder.DeliveryInformation();
        // An order made from an offer does not keep the offer's reversal offers (OfferLineItem shows them): null on every line item.
        else builder.PackageInformation().Null("LineItem", "reversalOffers");
    }
}
