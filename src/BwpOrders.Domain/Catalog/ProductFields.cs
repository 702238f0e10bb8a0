using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Catalog;

/// <summary>
/// The fields of createProduct and updateProduct, each null when not given: a create takes them as the product, an
/// update changes only those given ("choose the specific attributes you want to update").
/// </summary>
public sealed record ProductFields
{
    public string? Sku { get; init; }
    public string? ExternalId { get; init; }
    public AmazonSku? AmazonSku { get; init; }
    public bool? OfferPrime { get; init; }
    public string? ProductDetailPageUrl { get; init; }
    public ProductImage? Image { get; init; }
    public LocalizedValues? Title { get; init; }
    public LocalizedValues? Description { get; init; }
    public string? ExternalVersion { get; init; }
    public Money? Price { get; init; }
    /// <summary>Makes the product a variation in a representative's group (<see cref="VariationRules"/>).</summary>
    public VariationRequest? Variation { get; init; }
}

/// <summary>
/// A product as a sandbox catalog file or the control API gives it: the API's fields plus what BwP's side decides
/// (buyability, inventory, return policy, the ASIN, the display-ready image) and, optionally, a fixed product id so a test can name it.
/// </summary>
public sealed record ImportedProduct
{
    public string? Id { get; init; }
    public required ProductFields Fields { get; init; }
    public string? Asin { get; init; }
    /// <summary>The URL of BwP's display copy of the product's image (<c>image.displayReadyUrl</c>).</summary>
    public string? DisplayReadyImageUrl { get; init; }
    public string? Buyability { get; init; }
    public decimal? BuyableQuantity { get; init; }
    public bool? Returnable { get; init; }
    /// <summary>For a purchase group: its members by SKU, with the amount of each.</summary>
    public List<(string Sku, Quantity Amount)>? Members { get; init; }
}
