using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>The Catalog interface's root resolvers.</summary>
public static class CatalogOperations
{
    private const string CursorPrefix = "catalogid#";

    public static async Task<object?> Product(IResolveFieldContext ctx, RequestContext request) =>
        await Catalog(ctx).GetAsync(request.TargetId, CatalogInputs.Identifier(ctx.Argument("identifier")), ctx.CancellationToken);

    public static async Task<object?> MappingProduct(IResolveFieldContext ctx, RequestContext request) =>
        await Catalog(ctx).GetAsync(request.TargetId, CatalogInputs.ItemIdentifier(ctx.Argument("identifier")), ctx.CancellationToken);

    /// <summary>
    /// <c>products(first, after, filter)</c>: a page of at most 20 of the products the filter keeps, by id, cursors
    /// <c>catalogid#&lt;id&gt;</c> as BwP's (an <c>after</c> cursor goes on from that product, in the filtered listing).
    /// </summary>
    public static async Task<object?> Products(IResolveFieldContext ctx, RequestContext request)
    {
        var first = ctx.GetArgument<int?>("first") ?? CatalogService.MaxPageSize;
        if (first is < 0 or > CatalogService.MaxPageSize)
            throw BwpException.Validation(ErrorCodes.InvalidInput, $"first: give 0 to {CatalogService.MaxPageSize} (products per page).");
        var after = ctx.GetArgument<string?>("after");
        if (after is { Length: > 65535 } || (after is not null && !after.StartsWith(CursorPrefix, StringComparison.Ordinal)))
            throw BwpException.Validation(ErrorCodes.InvalidInput, "after: give the endCursor of the page before (catalogid#<productId>).");
        var filter = CatalogInputs.Filter(ctx.Argument("filter"));
        var (products, hasNext) = await Catalog(ctx).PageAsync(request.TargetId, after?[CursorPrefix.Length..], first, filter, ctx.CancellationToken);
        return new
        {
            Edges = products.Select(p => new { Cursor = CursorPrefix + p.Id, Node = p }).ToList(),
            PageInfo = new
            {
                HasNextPage = hasNext,
                HasPreviousPage = after is not null,
                StartCursor = products.Count > 0 ? CursorPrefix + products[0].Id : null,
                EndCursor = products.Count > 0 ? CursorPrefix + products[^1].Id : null,
            },
        };
    }

    public static async Task<object?> CreateProduct(IResolveFieldContext ctx, RequestContext request) =>
        Id(await Catalog(ctx).CreateAsync(request.TargetId, CatalogInputs.Fields(ctx.Argument("input")), ctx.CancellationToken));

    public static async Task<object?> UpdateProduct(IResolveFieldContext ctx, RequestContext request) =>
        Id(await Catalog(ctx).UpdateAsync(request.TargetId, CatalogInputs.Identifier(ctx.Argument("identifier")),
            CatalogInputs.Fields(ctx.Argument("input")), ctx.CancellationToken));

    public static async Task<object?> DeleteProduct(IResolveFieldContext ctx, RequestContext request) =>
        Id(await Catalog(ctx).DeleteAsync(request.TargetId, CatalogInputs.Identifier(ctx.Argument("identifier")), ctx.CancellationToken));

    /// <summary>
    /// <c>createPurchaseGroup</c>: a bundle, whose representative product (an existing one, or one created here) stands
    /// for its members; the response's id is the representative product's.
    /// </summary>
    public static async Task<object?> CreatePurchaseGroup(IResolveFieldContext ctx, RequestContext request)
    {
        var input = ctx.Argument("input");
        var representative = input.Object("representativeProduct");
        var existing = representative.Object("representativeProductId");
        var created = representative.Object("representativeProduct");
        if (existing.IsNull == created.IsNull)
            throw BwpException.Validation(ErrorCodes.InvalidInput,
                "input.representativeProduct: give either representativeProductId (an existing product) or representativeProduct (a new one's fields).");
        var members = (input.List("members") ?? []).Select((m, i) => (
            CatalogInputs.Identifier(m.Object("product"), $"input.members[{i}].product"),
            new Quantity(m.Object("memberAmount").Decimal("value") ?? 0, m.Object("memberAmount").String("unit") ?? "UNIT"))).ToList();
        var group = await Catalog(ctx).CreatePurchaseGroupAsync(request.TargetId,
            existing.IsNull ? null : CatalogInputs.Identifier(existing, "input.representativeProduct.representativeProductId"),
            created.IsNull ? null : CatalogInputs.Fields(created), members, ctx.CancellationToken);
        return Id(group);
    }

    private static object Id(CatalogProduct product) => new { product.Id };

    private static CatalogService Catalog(IResolveFieldContext ctx) => ctx.RequestServices!.GetRequiredService<CatalogService>();
}
