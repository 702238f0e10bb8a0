using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Catalog;

/// <summary>
/// An Amazon SKU (mSKU): the merchant's SKU in Seller Central, and the marketplace when the merchant named one
/// (BwP answers <c>marketplaceId: null</c> otherwise, as its products page shows).
/// </summary>
public sealed record AmazonSku(string Value, string? MarketplaceId = null)
{
    /// <summary>amazon.com's marketplace id, the one BwP sells in.</summary>
    public const string UsMarketplace = "ATVPDKIKX0DER";
}

/// <summary>The merchant's image, and the copy BwP made of it for display (the source itself until BwP's side sets one).</summary>
public sealed record ProductImage(string SourceUrl, string? AltText = null, string? DisplayReadyUrl = null);

public sealed record LocalizedValue(string Value, string Locale);

/// <summary>Text in several locales (BwP's <c>{values: [{value, locale}], defaultLocale}</c>).</summary>
public sealed record LocalizedValues(List<LocalizedValue> Values, string DefaultLocale);

/// <summary>One member of a purchase group (bundle): a shopper buying the group's product gets this much of the member.</summary>
public sealed record PurchaseGroupMember(string ProductId, Quantity Amount);

/// <summary>Whether BwP can sell a product with Prime (<c>Product.buyability.status</c>).</summary>
public static class BuyabilityStatus
{
    public const string Buyable = "BUYABLE";
    public const string NotBuyable = "NOT_BUYABLE";
    public const string Unknown = "UNKNOWN";

    public static readonly IReadOnlyList<string> All = [Buyable, NotBuyable, Unknown];
}

/// <summary>
/// A product of a target's Buy with Prime catalog: its identifiers (BwP's id, the merchant's SKU and external id,
/// the Amazon SKU), what the shopper sees, whether it is offered with Prime and can be bought, the inventory BwP
/// can sell from, its return policy, and for a purchase group's product the members it stands for.
/// </summary>
public sealed record CatalogProduct
{
    public required string Id { get; init; }
    public string? Sku { get; init; }
    public string? ExternalId { get; init; }
    public AmazonSku? AmazonSku { get; init; }
    /// <summary>The Amazon catalog number of the product (2024-04-01 <c>Product.asin</c>).</summary>
    public string? Asin { get; init; }
    public bool OfferPrime { get; init; }
    public string? ProductDetailPageUrl { get; init; }
    public ProductImage? Image { get; init; }
    public LocalizedValues? Title { get; init; }
    public LocalizedValues? Description { get; init; }
    public string? ExternalVersion { get; init; }
    public Money? Price { get; init; }
    /// <summary>Set by the sandbox (Seller Central decides it at BwP); by default <see cref="CatalogRules.DefaultBuyability"/>.</summary>
    public string Buyability { get; init; } = BuyabilityStatus.Unknown;
    /// <summary>Units BwP can sell now (<c>inventoryItem.buyableQuantity</c>); orders take from it.</summary>
    public decimal BuyableQuantity { get; init; }
    public bool Returnable { get; init; } = true;
    /// <summary>For a purchase group's product: what a shopper buying one receives.</summary>
    public List<PurchaseGroupMember>? Members { get; init; }
    /// <summary>For a variation: its group's representative and how it differs (<see cref="VariationRules"/>).</summary>
    public VariationMembership? Variation { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }

    /// <summary>
    /// Whether BwP takes the product back (its reversal offers have a 30-day return): one it sells with Prime whose
    /// return policy allows returns.
    /// </summary>
    public bool ReturnableThroughBwp => OfferPrime && Returnable;

    /// <summary>The English title, or the default locale's.</summary>
    public string? DisplayTitle => Title?.Values.FirstOrDefault(v => v.Locale == Title.DefaultLocale)?.Value ?? Title?.Values.FirstOrDefault()?.Value;
}

/// <summary>One of the four ways BwP lets a merchant name a catalog product (<c>ProductIdentifierInput</c>).</summary>
public enum ProductLookupKind
{
    ProductId,
    Sku,
    ExternalId,
    AmazonSku,
}

public sealed record ProductLookup(ProductLookupKind Kind, string Value)
{
    /// <summary>How an order line's product identifier names a catalog product (its id, else SKU, else external id), or null when it names none.</summary>
    public static ProductLookup? Of(Model.ProductIdentifier? identifier) => identifier switch
    {
        { ProductId: { } id } => new(ProductLookupKind.ProductId, id),
        { Sku: { } sku } => new(ProductLookupKind.Sku, sku),
        { ExternalId: { } external } => new(ProductLookupKind.ExternalId, external),
        _ => null,
    };
}
