using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain.Catalog;

/// <summary>What a catalog product must be, and what BwP's side decides about one the merchant creates.</summary>
public static class CatalogRules
{
    /// <summary>A new product's buyable quantity in the sandbox, until a catalog import or the control API sets it.</summary>
    public const decimal DefaultQuantity = 100;

    /// <summary>BwP documents a product id of 14 characters (<c>abcdef01234567</c>); inventoryItem takes 1 to 14.</summary>
    public const int ProductIdLength = 14;

    private const int MaxIdentifierLength = 256;

    /// <summary>
    /// BwP checks the Amazon SKU against Seller Central; the sandbox has no Seller Central, so a product offered
    /// with Prime that has an Amazon SKU is buyable and any other is not.
    /// </summary>
    public static string DefaultBuyability(CatalogProduct product) =>
        product.OfferPrime && product.AmazonSku is not null ? BuyabilityStatus.Buyable : BuyabilityStatus.NotBuyable;

    public static CatalogProduct Create(ProductFields fields, string now, string? id = null)
    {
        if (fields.Sku is null && fields.ExternalId is null && fields.AmazonSku is null)
            throw BwpException.Validation(ErrorCodes.InvalidInput, "give the product at least one identifier: sku, externalId or amazonSku.");
        var product = Apply(new CatalogProduct { Id = id ?? Ids.NewItemId(), BuyableQuantity = DefaultQuantity, CreatedAt = now, UpdatedAt = now }, fields, now);
        return product with { Buyability = DefaultBuyability(product) };
    }

    /// <summary>The product with the given fields changed (the others as they were), its buyability decided again.</summary>
    public static CatalogProduct Update(CatalogProduct product, ProductFields fields, string now)
    {
        var updated = Apply(product, fields, now);
        return updated with { Buyability = DefaultBuyability(updated) };
    }

    private static CatalogProduct Apply(CatalogProduct product, ProductFields fields, string now)
    {
        Check(fields);
        return product with
        {
            Sku = fields.Sku ?? product.Sku,
            ExternalId = fields.ExternalId ?? product.ExternalId,
            AmazonSku = fields.AmazonSku ?? product.AmazonSku,
            OfferPrime = fields.OfferPrime ?? product.OfferPrime,
            ProductDetailPageUrl = fields.ProductDetailPageUrl ?? product.ProductDetailPageUrl,
            Image = fields.Image ?? product.Image,
            Title = fields.Title ?? product.Title,
            Description = fields.Description ?? product.Description,
            ExternalVersion = fields.ExternalVersion ?? product.ExternalVersion,
            Price = fields.Price ?? product.Price,
            UpdatedAt = now,
        };
    }

    /// <summary>What the catalog takes as a URL: absolute http or https, at most 2048 characters.</summary>
    public static bool IsUrl(string url) =>
        url.Length <= 2048 && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http";

    private static void Check(ProductFields fields)
    {
        foreach (var (name, value) in new[] { ("sku", fields.Sku), ("externalId", fields.ExternalId), ("amazonSku.value", fields.AmazonSku?.Value) })
            if (value is not null && (value.Length is 0 or > MaxIdentifierLength || value.Any(char.IsControl)))
                throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of(name), $"give 1 to {MaxIdentifierLength} printable characters.");
        foreach (var (name, url) in new[] { ("productDetailPageUrl", fields.ProductDetailPageUrl), ("image.sourceUrl", fields.Image?.SourceUrl) })
            if (url is not null && !IsUrl(url))
                throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of(name), "give an absolute http or https URL of at most 2048 characters.");
        if (fields.Price is { Amount: < 0 })
            throw BwpException.Validation(ErrorCodes.InvalidAmount, FieldPath.Of("price"), "a price cannot be negative.");
        foreach (var (name, text) in new[] { ("title", fields.Title), ("description", fields.Description) })
            if (text is not null && (text.Values.Count == 0 || text.Values.All(v => v.Locale != text.DefaultLocale)))
                throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of(name), "give at least one value, one of them in the defaultLocale.");
    }
}
