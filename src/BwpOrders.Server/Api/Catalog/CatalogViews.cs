using BwpOrders.Domain.Catalog;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>How a catalog product shows: identifiers as <c>{value}</c>, text as localized values, buyability as a status.</summary>
public static class CatalogViews
{
    public static SchemaBuilder Products(this SchemaBuilder builder, ApiVersion version)
    {
        builder
            .Map<CatalogProduct>("Product", "sku", p => Value(p.Sku))
            .Map<CatalogProduct>("Product", "externalId", p => Value(p.ExternalId))
            .Map<CatalogProduct>("Product", "image", Image)
            .Map<CatalogProduct>("Product", "description", p => Localized(p.Description))
            .Map<CatalogProduct>("Product", "advertisedPrice", Price)
            .Map<CatalogProduct>("Product", "buyability", Buyability)
            // A product's inventory item is the product itself (its inventoryItemId is the product's id).
            .Map<CatalogProduct>("Product", "inventoryItem", p => p)
            .PurchaseGroups()
            .Variations();
        if (version.Catalog == CatalogInterface.WithAsin)
            builder.Map<CatalogProduct>("Product", "asin", p => p.Asin is null ? null : new AmazonSku(p.Asin, p.AmazonSku?.MarketplaceId ?? AmazonSku.UsMarketplace));
        else
            builder
                .Map<CatalogProduct>("Product", "title", p => Localized(p.Title))
                .Map<CatalogProduct>("Product", "price", Price)
                .Map<CatalogProduct>("Product", "metadata", p => new { p.CreatedAt, p.UpdatedAt });
        return builder;
    }

    /// <summary>2024-01-01's MappingProduct: the same product under its earlier field names.</summary>
    public static SchemaBuilder MappingProducts(this SchemaBuilder builder) => builder
        .Map<CatalogProduct>("MappingProduct", "productSku", p => Value(p.Sku))
        // SkuItemIdentifier is also a delivery preview item's identifier type: the same value object for both.
        .Map<CatalogProduct>("MappingProduct", "sku", p => p.Sku is null ? null : new DeliveryPreview.DeliveryPreviewViews.SkuIdentifier(p.Sku))
        .Map<CatalogProduct>("MappingProduct", "productExternalId", p => Value(p.ExternalId))
        .Map<CatalogProduct>("MappingProduct", "externalId", p => Value(p.ExternalId))
        .Map<CatalogProduct>("MappingProduct", "productMsku", p => p.AmazonSku)
        .Map<CatalogProduct>("MappingProduct", "mSku", p => p.AmazonSku)
        .Map<CatalogProduct>("MappingProduct", "isPrimeIntended", p => p.OfferPrime)
        .Map<CatalogProduct>("MappingProduct", "url", p => p.ProductDetailPageUrl)
        .Map<CatalogProduct>("MappingProduct", "image", Image)
        .Map<CatalogProduct>("MappingProduct", "buyability", Buyability)
        .Map<CatalogProduct>("MappingProduct", "inventoryItem", p => p);

    private static object? Value(string? value) => value is null ? null : new { Value = value };

    private static object? Localized(LocalizedValues? text) => text is null ? null : new { text.Values, text.DefaultLocale };

    private static object? Image(CatalogProduct p) =>
        p.Image is null ? null : new { p.Image.SourceUrl, p.Image.AltText, DisplayReadyUrl = p.Image.DisplayReadyUrl ?? p.Image.SourceUrl };

    private static object? Price(CatalogProduct p) => p.Price is null ? null : new { CurrentPrice = p.Price };

    private static object Buyability(CatalogProduct p) => new { Status = p.Buyability };
}
