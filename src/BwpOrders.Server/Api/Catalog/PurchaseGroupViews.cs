using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Model;
using GraphQL;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>A purchase group (bundle), by its representative product, which keeps the members.</summary>
internal sealed record PurchaseGroupView(CatalogProduct Representative);

/// <summary>One member of a purchase group: the product (null once deleted), how much of it the bundle holds, and the bundle.</summary>
internal sealed record PurchaseGroupMemberView(CatalogProduct? Product, Quantity Amount, CatalogProduct Group);

/// <summary>Purchase groups as a product shows them: the group it represents, and the groups it is a member of.</summary>
public static class PurchaseGroupViews
{
    public static SchemaBuilder PurchaseGroups(this SchemaBuilder builder) => builder
        .Map<CatalogProduct>("Product", "representativeOfPurchaseGroup", p => p.Members is null ? null : new PurchaseGroupView(p))
        .MapAsync<CatalogProduct>("Product", "purchaseGroupMemberships", Memberships)
        .Map<PurchaseGroupView>("PurchaseGroup", "representativeProduct", g => g.Representative)
        .MapAsync<PurchaseGroupView>("PurchaseGroup", "members", Members)
        .Map<PurchaseGroupMemberView>("PurchaseGroupMember", "product", m => m.Product)
        .Map<PurchaseGroupMemberView>("PurchaseGroupMember", "memberAmount", m => m.Amount)
        .Map<PurchaseGroupMemberView>("PurchaseGroupMember", "purchaseGroup", m => new PurchaseGroupView(m.Group))
        .Null("PurchaseGroupMember", "price");

    private static async Task<object?> Members(PurchaseGroupView group, IResolveFieldContext ctx)
    {
        var members = new List<PurchaseGroupMemberView>();
        foreach (var member in group.Representative.Members ?? [])
            members.Add(new(await ctx.Catalog().FindAsync(ctx.TargetId(), new(ProductLookupKind.ProductId, member.ProductId), ctx.CancellationToken),
                member.Amount, group.Representative));
        return members;
    }

    private static async Task<object?> Memberships(CatalogProduct product, IResolveFieldContext ctx) =>
        (await ctx.Catalog().GroupsWithMemberAsync(ctx.TargetId(), product.Id, ctx.CancellationToken))
        .Select(group => new PurchaseGroupMemberView(product, group.Members!.First(m => m.ProductId == product.Id).Amount, group))
        .ToList();
}
