using System.Text.Json.Serialization;

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

    /// <summary>The order this line item belongs to (set by <see cref="Order.Link"/>; not stored).</summary>
    [JsonIgnore] public Order? Order { get; set; }

    public bool IsKnownAs(string idOrAliasId) =>
        Id == idOrAliasId || Aliases.Any(a => a.AliasId == idOrAliasId);

    /// <summary>Amazon fulfils it: BwP creates packages for it and counts it among the BwP-eligible items.</summary>
    public bool IsAmazonFulfilled => DeliveryOffer?.Provider == DeliveryProviders.Amazon;
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
    /// <summary>The bundle this product was sold as part of.</summary>
    public PurchaseGroupMembership? PurchaseGroupMembership { get; init; }

    public bool HasIdentifier => Identifier is { ProductId: not null } or { Sku: not null } or { ExternalId: not null };
}

public sealed record PurchaseGroupMembership(ProductIdentifier? Product);

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

/// <summary>The selected delivery offer: exactly one of <see cref="Details"/> (an offer) or <see cref="Summary"/> (the minimum).</summary>
public sealed record DeliveryOffer
{
    public DeliveryOfferDetails? Details { get; init; }
    public DeliveryOfferSummary? Summary { get; init; }

    public string? Provider => Details?.DeliveryProvider ?? Summary?.DeliveryProvider;
    public Money? Charge => Details?.DeliveryCharge ?? Summary?.DeliveryCharge;
    public DiscountAllocations? Discounts => Details?.Discounts ?? Summary?.Discounts;
}

public sealed record DeliveryOfferSummary
{
    public Money? DeliveryCharge { get; init; }
    public string? DeliveryMessage { get; init; }
    /// <summary>Canonical provider (<see cref="DeliveryProviders"/>); none given means the merchant delivers.</summary>
    public string? DeliveryProvider { get; init; }
    public DiscountAllocations? Discounts { get; init; }
    public Taxes? Taxes { get; init; }
}

public sealed record DeliveryOfferDetails
{
    public string? Id { get; init; }
    public string? DeliveryPreviewId { get; init; }
    /// <summary>Canonical provider: <see cref="DeliveryProviders"/>.</summary>
    public required string DeliveryProvider { get; init; }
    public Money? DeliveryCharge { get; init; }
    public DeliveryTerms? DeliveryTerms { get; init; }
    public DiscountAllocations? Discounts { get; init; }
    /// <summary>The line items this offer delivers together (line item ids once resolved).</summary>
    public List<LineItemAmount>? DeliveryFor { get; init; }

    /// <summary>Prime delivery was requested, so the offer must come from a delivery preview.</summary>
    public bool IsPrime => DeliveryProvider == DeliveryProviders.Amazon && DeliveryTerms?.IsPrimeEligible == true;
}

public sealed record DeliveryTerms(bool? IsPrimeEligible, string? DeliverySpeed);
