using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Checkout;

/// <summary>A product a preview was asked for: the catalog product, how the request named it, and how many.</summary>
public sealed record PreviewedProduct(string ProductId, ProductLookup AskedAs, decimal Amount, string? Unit);

/// <summary>A delivery offer: Prime (free, in the Prime promise) or standard, with its dates and message.</summary>
public sealed record PreviewOffer(string Id, bool IsPrime, Money Price, string Earliest, string Latest, string MessageText, string? ExpiresAt = null);

/// <summary>One delivery group: a product that ships on its own, with the offer BwP makes for it.</summary>
public sealed record PreviewGroup(string Id, PreviewedProduct Product, PreviewOffer Offer);

/// <summary>
/// A delivery preview BwP issued to a target: for whom (a sandbox shopper, or nobody), to where, and its groups. Its
/// offers can be chosen for a createOrder until <see cref="ValidUntil"/>; only a preview for a signed-in shopper with a
/// complete address shows that time (<see cref="ExpiresAt"/>, on each offer too), as BwP documents.
/// </summary>
public sealed record DeliveryPreview
{
    public required string Id { get; init; }
    public required string CreatedAt { get; init; }
    public string? ExpiresAt { get; init; }
    public required string ValidUntil { get; init; }
    public Shopper? Shopper { get; init; }
    public Address? Address { get; init; }
    public required List<PreviewGroup> Groups { get; init; }

    public PreviewGroup? GroupWithOffer(string offerId) => Groups.FirstOrDefault(g => g.Offer.Id == offerId);
}

/// <summary>What a deliveryPreview asks: products and amounts, where (an address or only a postal code), and for whom.</summary>
public sealed record PreviewRequest(IReadOnlyList<(ProductLookup Product, decimal Amount, string? Unit)> Products, Address? Address, Shopper? Shopper);

/// <summary>A target's issued delivery previews, kept until they can no longer be used.</summary>
public interface IDeliveryPreviewStore
{
    /// <summary>Stores the preview, and drops the target's previews that expired before <paramref name="now"/>.</summary>
    Task InsertAsync(string targetId, DeliveryPreview preview, DateTimeOffset now, CancellationToken ct = default);

    Task<DeliveryPreview?> FindAsync(string targetId, string previewId, CancellationToken ct = default);
}
