namespace BwpOrders.Domain.Model;

/// <summary>An amount of money. Always decimal: binary floating point never touches money.</summary>
public sealed record Money(decimal Amount, string CurrencyCode);

/// <summary>A measured quantity (BwP's <c>Amount</c>: <c>{value, unit}</c>; unit defaults to ONE).</summary>
public sealed record Quantity(decimal Value, string Unit = Quantity.DefaultUnit)
{
    public const string DefaultUnit = "ONE";
}

/// <summary>A caller-chosen identifier in a namespace (<c>aliasType</c>), e.g. EXTERNAL_ID.</summary>
public sealed record Alias(string AliasType, string AliasId);

public sealed record Address
{
    public string? Name { get; init; }
    public string? StreetAddress { get; init; }
    public string? ExtendedAddress { get; init; }
    public string? Locality { get; init; }
    public string? Region { get; init; }
    public string? CountryCode { get; init; }
    public string? PostalCode { get; init; }
    public string? ContactNumber { get; init; }
}

/// <summary>An address with an id, as BwP reports ship-from and return addresses.</summary>
public sealed record ShippingAddress
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? StreetAddress { get; init; }
    public string? ExtendedAddress { get; init; }
    public string? Locality { get; init; }
    public string? Region { get; init; }
    public string? CountryCode { get; init; }
    public string? PostalCode { get; init; }
    public string? PhoneNumber { get; init; }
    public string? TimezoneId { get; init; }
}

/// <summary>How the shopper was identified at checkout (e.g. an Amazon Pay checkout session).</summary>
/// <summary>How the shopper was identified at checkout: an Amazon Pay checkout session (with the merchant's id for it) or an LWA access token.</summary>
public sealed record ShopperIdentity(string? ApayCheckoutSessionId, string? ExternalId, string? LwaAccessToken = null);

public sealed record Contact
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
}

public sealed record Customer
{
    public string? Id { get; init; }
    public Contact? Contact { get; init; }
}

public sealed record Recipient
{
    public Address? DeliveryAddress { get; init; }
}

public sealed record OrderLink(string DestinationType, string Url, string? DisplayMessage = null);

public sealed record TaxSummary(Money? CollectableTaxAmount);

public sealed record Taxes(TaxSummary? Summary);

public sealed record DiscountSummary(Money Amount, string? DisplayString);

public sealed record DiscountDetails
{
    public List<Alias> Aliases { get; init; } = [];
    public required Money Amount { get; init; }
    public string? CouponCode { get; init; }
    public string? DisplayString { get; init; }
}

public sealed record DiscountAllocations
{
    public DiscountSummary? Summary { get; init; }
    public List<DiscountDetails>? Details { get; init; }
}

public sealed record OrderTotal
{
    public Money? Value { get; init; }
    /// <summary>True only when BwP computed the total; a stand-in never verifies merchant totals.</summary>
    public bool Verified { get; init; }
}
