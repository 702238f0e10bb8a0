using BwpOrders.Domain.Catalog;
using GraphQL;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>A variation group, by its representative product (its members name it).</summary>
internal sealed record VariationGroupView(CatalogProduct Representative);

/// <summary>Variation groups as a product shows them: the group it represents, or its place in one.</summary>
public static class VariationViews
{
    public static SchemaBuilder Variations(this SchemaBuilder builder) => builder
        .MapAsync<CatalogProduct>("Product", "representativeOfVariationGroup", async (p, ctx) =>
            (await ctx.Catalog().VariationsOfAsync(ctx.TargetId(), p.Id, ctx.CancellationToken)).Count == 0 ? null : new VariationGroupView(p))
        .Map<CatalogProduct>("Product", "variationGroupMembership", p => p.Variation is null ? null : p)
        .Map<VariationGroupView>("VariationGroup", "representativeProduct", g => g.Representative)
        .MapAsync<VariationGroupView>("VariationGroup", "members", async (g, ctx) =>
            await ctx.Catalog().VariationsOfAsync(ctx.TargetId(), g.Representative.Id, ctx.CancellationToken))
        // A member is the variation product itself: its membership is on it.
        .Map<CatalogProduct>("VariationGroupMember", "product", p => p)
        .MapAsync<CatalogProduct>("VariationGroupMember", "variationGroup", async (p, ctx) =>
            await ctx.Catalog().FindAsync(ctx.TargetId(), new(ProductLookupKind.ProductId, p.Variation!.RepresentativeId), ctx.CancellationToken) is { } representative
                ? new VariationGroupView(representative) : null)
        .Map<CatalogProduct>("VariationGroupMember", "variationSelections", p => p.Variation!.Selections);
}
