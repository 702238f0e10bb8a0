namespace BwpOrders.Domain.Model;

public sealed class LineItem
{
    public string Id { get; set; } = "";
    public List<Alias> Aliases { get; set; } = [];
    public Product? Product { get; set; }
    public Quantity Amount { get; set; } = new(1);
    public ClientDetails? ClientDetails { get; set; }
    public DeliveryOffer? DeliveryOffer { get; set; }
    public DiscountAllocations? Discounts { get; set; }
    public Payments? Payments { get; set; }
    public Taxes? Taxes { get; set; }
    public string CreatedAt { get; set; } = "";

    public bool IsKnownAs(string idOrAliasId) =>
        Id == idOrAliasId || Aliases.Any(a => a.AliasId == idOrAliasId);
}

/// <summary>Snapshot of the product as it was sold (11-01 <c>product</c>, 01-01 <c>purchasedItem</c>).</summary>
public sealed record Product
{
    public string? Title { get; init; }
    public Money? Price { get; init; }
    public ProductIdentifier? Identifier { get; init; }
    public string? ImageUrl { get; init; }
    public string? AltText { get; init; }
    public string? ProductDetailPageUrl { get; init; }
}

public sealed record ProductIdentifier
{
    public string? ProductId { get; init; }
    public string? Sku { get; init; }
    public string? ExternalId { get; init; }
}

public sealed record ClientDetails
{
    public BrowserFingerprint? BrowserFingerprint { get; init; }
    public IpFingerprint? IpFingerprint { get; init; }
    public StoreFingerprint? StoreFingerprint { get; init; }
}

public sealed record BrowserFingerprint(string? BrowserPlatform, string? BrowserType, string? BrowserVersion, string? BrowserTimezone);
public sealed record IpFingerprint(string? IpAddress);
public sealed record StoreFingerprint(string? StoreUrl);

public static class DeliveryProviders
{
    /// <summary>Amazon fulfils (01-01 input BUY_WITH_PRIME, 01-01 output PRIME).</summary>
    public const string Amazon = "AMAZON";
    public const string Merchant = "MERCHANT";
}

public sealed record DeliveryOffer
{
    public DeliveryOfferDetails? Details { get; init; }
}

public sealed record DeliveryOfferDetails
{
    public string? Id { get; init; }
    public string? DeliveryPreviewId { get; init; }
    /// <summary>Canonical provider: <see cref="DeliveryProviders"/>.</summary>
    public required string DeliveryProvider { get; init; }
    public Money? DeliveryCharge { get; init; }
    public DeliveryTerms? DeliveryTerms { get; init; }
}

public sealed record DeliveryTerms(bool? IsPrimeEligible, string? DeliverySpeed);
