using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Versions;

/// <summary>API 2024-11-01: the fields that differ from the canonical order model.</summary>
public static class V2024_11_01_Adapter
{
    public static void Configure(SchemaBuilder builder) => builder
        .Map<RefundedLineItem>("RefundedOrderLineItem", "amount", r => r.RefundedQuantity)
        .Map<ReturnDetails>("ReturnDetails", "returnFor", r => new { OrderLineItemAmounts = r.CoveredAmounts })
        .Root("Query", "order", async (ctx, request) =>
            await request.Orders.GetAsync(request.TargetId, CommandMapper.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier"), ctx.CancellationToken))
        .Root("Mutation", "updateOrder", async (ctx, request) =>
        {
            var lookup = CommandMapper.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
            var command = CommandMapper.Update(lookup, ctx.Argument("input"));
            return new OrderResponse(await request.Orders.UpdateAsync(request.TargetId, command, ctx.CancellationToken));
        });
}
