using BwpOrders.Domain.Catalog;
using BwpOrders.Server.GraphQL;
using GraphQL;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>How a catalog product shows: identifiers as <c>{value}</c>, text as localized values, buyability as a status.</summary>
public static class CatalogViews
{
    public static SchemaBuilder Products(this SchemaBuilder builder, ApiVersion version)
    {
        builder
            .Map<CatalogProduct>("Product", "sku", p => Value(p.Sku))
            .Map<CatalogProduct>("Product", "externalId", p => Value(p.ExternalId))
            .Map<CatalogProduct>("Product", "image", p => p.Image is null ? null : new { p.Image.SourceUrl, p.Image.AltText, DisplayReadyUrl = p.Image.DisplayReadyUrl ?? p.Image.SourceUrl })
            .Map<CatalogProduct>("Product", "description", p => Localized(p.Description))
            .Map<CatalogProduct>("Product", "buyability", p => new { Status = p.Buyability })
            .Map<CatalogProduct>("Product", "purchaseGroupMembers", Members);
        if (version.Catalog == CatalogInterface.WithAsin)
            builder.Map<CatalogProduct>("Product", "asin", p => p.Asin is null ? null : new AmazonSku(p.Asin, p.AmazonSku?.MarketplaceId ?? AmazonSku.UsMarketplace));
        else
            builder
                .Map<CatalogProduct>("Product", "title", p => Localized(p.Title))
                .Map<CatalogProduct>("Product", "price", p => p.Price is null ? null : new { CurrentPrice = p.Price })
                .Map<CatalogProduct>("Product", "advertisedPrice", p => p.Price is null ? null : new { CurrentPrice = p.Price });
        return builder;
    }

    private static object? Value(string? value) => value is null ? null : new { Value = value };

    private static object? Localized(LocalizedValues? text) => text is null ? null : new { text.Values, text.DefaultLocale };

    /// <summary>A purchase group's members, each read from the catalog (a member deleted since shows no product).</summary>
    private static object? Members(CatalogProduct product, IResolveFieldContext ctx)
    {
        if (product.Members is not { } members) return null;
        var request = (RequestContext)ctx.UserContext;
        var catalog = ctx.RequestServices!.GetRequiredService<CatalogService>();
        return members.Select(async m => (object)new
        {
            Product = await catalog.FindAsync(request.TargetId, new(ProductLookupKind.ProductId, m.ProductId), ctx.CancellationToken),
            MemberAmount = m.Amount,
        }).Select(t => t.Result).ToList();
    }
}
