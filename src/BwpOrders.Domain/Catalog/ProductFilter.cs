namespace BwpOrders.Domain.Catalog;

/// <summary>
/// What <c>products(filter:)</c> keeps (BwP's <c>ProductsInputFilter</c>): a product matches when every identifier's
/// condition holds (sku, external id, Amazon SKU value; <see cref="StringCondition"/>). The store may narrow its listing
/// by the exact operations itself, but <see cref="Matches"/> is the filter's meaning and decides.
/// </summary>
public sealed class ProductFilter
{
    public static ProductFilter All { get; } = new([]);

    public ProductFilter(IReadOnlyList<(ProductLookupKind Identifier, StringCondition Condition)> conditions) => Conditions = conditions;

    public IReadOnlyList<(ProductLookupKind Identifier, StringCondition Condition)> Conditions { get; }

    /// <summary>A condition the store cannot say exactly (a regex): the products it lists must be checked one by one.</summary>
    public bool NeedsScan => Conditions.Any(c => c.Condition.Regex is not null);

    public bool Matches(CatalogProduct product) => Conditions.All(c => c.Condition.Matches(ValueOf(product, c.Identifier)));

    /// <summary>The stored identifier a condition is on: the SKU, the external id, the Amazon SKU's value (or the product id).</summary>
    public static string? ValueOf(CatalogProduct product, ProductLookupKind identifier) => identifier switch
    {
        ProductLookupKind.Sku => product.Sku,
        ProductLookupKind.ExternalId => product.ExternalId,
        ProductLookupKind.AmazonSku => product.AmazonSku?.Value,
        ProductLookupKind.ProductId => product.Id,
        _ => throw new ArgumentOutOfRangeException(nameof(identifier), identifier, null),
    };
}
