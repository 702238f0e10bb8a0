using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.Catalog;

/// <summary>How the Catalog operations' inputs read: product identifiers and product fields.</summary>
public static class CatalogInputs
{
    /// <summary>createProduct and updateProduct: the product's fields are in <c>input</c>.</summary>
    public static readonly InputPaths InputFields = new("input");

    /// <summary><c>ProductIdentifierInput</c>: exactly one of productId, sku, externalId or amazonSku {value}.</summary>
    public static ProductLookup Identifier(Input identifier, string argument = "identifier")
    {
        var given = new List<ProductLookup>();
        if (identifier.String("productId") is { } id) given.Add(new(ProductLookupKind.ProductId, id));
        if (identifier.String("sku") is { } sku) given.Add(new(ProductLookupKind.Sku, sku));
        if (identifier.String("externalId") is { } external) given.Add(new(ProductLookupKind.ExternalId, external));
        if (identifier.Object("amazonSku").String("value") is { } amazon) given.Add(new(ProductLookupKind.AmazonSku, amazon));
        return given.Count == 1 ? given[0]
            : throw BwpException.Validation(ErrorCodes.InvalidInput, $"{argument}: name the product with exactly one of productId, sku, externalId or amazonSku {{value}}.");
    }

    /// <summary>2024-01-01's <c>ItemIdentifierInput</c>: exactly one of ID, SKU, ExternalId or mSKU {value}.</summary>
    public static ProductLookup ItemIdentifier(Input identifier)
    {
        var given = new List<ProductLookup>();
        if (identifier.String("ID") is { } id) given.Add(new(ProductLookupKind.ProductId, id));
        if (identifier.String("SKU") is { } sku) given.Add(new(ProductLookupKind.Sku, sku));
        if (identifier.String("ExternalId") is { } external) given.Add(new(ProductLookupKind.ExternalId, external));
        if (identifier.Object("mSKU").String("value") is { } amazon) given.Add(new(ProductLookupKind.AmazonSku, amazon));
        return given.Count == 1 ? given[0]
            : throw BwpException.Validation(ErrorCodes.InvalidInput, "identifier: name the product with exactly one of ID, SKU, ExternalId or mSKU {value}.");
    }

    /// <summary>
    /// <c>ProductsInputFilter</c>: a <c>StringFilter</c> for each of sku, externalId and amazonSku given (the Amazon
    /// SKU's value); none given (or no filter) keeps every product.
    /// </summary>
    public static ProductFilter Filter(Input filter)
    {
        var at = FieldPath.Of("filter");
        var conditions = new List<(ProductLookupKind, StringCondition)>();
        foreach (var (field, identifier) in new[] { ("sku", ProductLookupKind.Sku), ("externalId", ProductLookupKind.ExternalId), ("amazonSku", ProductLookupKind.AmazonSku) })
        {
            var ops = filter.Object(field);
            if (ops.IsNull) continue;
            conditions.Add((identifier, StringCondition.Create(at.Field(field), ops.String("eq"), ops.String("neq"), ops.Strings("anyOf"),
                ops.Strings("noneOf"), ops.Bool("isNull"), ops.String("regex"))));
        }
        return conditions.Count == 0 ? ProductFilter.All : new ProductFilter(conditions);
    }

    /// <summary>The fields of <c>CreateProductInput</c> / <c>UpdateProductInput</c>, each null when not given.</summary>
    public static ProductFields Fields(Input input) => new()
    {
        Sku = input.String("sku"),
        ExternalId = input.String("externalId"),
        AmazonSku = input.Map("amazonSku", a => new AmazonSku(a.String("value") ?? "", a.String("marketplaceId"))),
        OfferPrime = input.Bool("offerPrime"),
        ProductDetailPageUrl = input.String("productDetailPageUrl"),
        Image = input.Map("image", i => new ProductImage(i.String("sourceUrl") ?? "", i.String("altText"))),
        Title = input.Map("title", Localized),
        Description = input.Map("description", Localized),
        ExternalVersion = input.String("externalVersion"),
        Price = input.Object("price").Map("currentPrice", Money),
        Variation = input.Map("variationGroupMembership", v => new VariationRequest(
            Identifier(v.Object("representativeProductId"), "input.variationGroupMembership.representativeProductId"),
            v.List("variationSelections", s => new VariationSelection(s.String("dimension") ?? "", s.String("value") ?? "")) ?? [])),
    };

    private static LocalizedValues Localized(Input text) =>
        new(text.List("values", v => new LocalizedValue(v.String("value") ?? "", v.String("locale") ?? "")) ?? [], text.String("defaultLocale") ?? "");

    private static Money Money(Input money) => new(money.Decimal("amount") ?? 0, money.String("currencyCode") ?? "");
}
