using System.Globalization;
using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain.Checkout;

/// <summary>How a version names the availability errors: 2024-01-01's items, or the products of 2024-04-01 on.</summary>
public enum AvailabilityCodes
{
    Item,
    Product,
}

/// <summary>
/// BwP's deliveryPreview: for catalog products BwP can sell with Prime and has in stock, one delivery group per
/// product with a Prime offer for Prime members and shoppers not signed in, a standard one for other shoppers,
/// dated on the target's clock by the <see cref="DeliveryPromise"/>. Every preview is kept so createOrder can check
/// the offers chosen from it.
/// </summary>
public sealed class DeliveryPreviewService(ICatalogStore catalog, IDeliveryPreviewStore previews, SimulatedClock clock, DeliveryPromise promise)
{
    public const int MaxProducts = 20;

    public async Task<DeliveryPreview> PreviewAsync(string targetId, PreviewRequest request, AvailabilityCodes codes, bool wantPrime = true, CancellationToken ct = default)
    {
        var (preview, now) = await BuildAsync(targetId, request, codes, wantPrime, IdSource.Current, ct);
        await previews.InsertAsync(targetId, preview, now, ct);
        return preview;
    }

    /// <summary>
    /// What <see cref="PreviewAsync"/> would answer now, neither kept nor drawing on the ids of a seeded run: for a page
    /// that shows a promise (the console's order page), where looking must change nothing a test relies on.
    /// </summary>
    public async Task<DeliveryPreview> DescribeAsync(string targetId, PreviewRequest request, AvailabilityCodes codes, CancellationToken ct = default) =>
        (await BuildAsync(targetId, request, codes, wantPrime: true, IdSource.Random, ct)).Preview;

    private async Task<(DeliveryPreview Preview, DateTimeOffset Now)> BuildAsync(string targetId, PreviewRequest request, AvailabilityCodes codes, bool wantPrime,
        IdSource ids, CancellationToken ct)
    {
        if (request.Products.Count is 0 or > MaxProducts)
            throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("products"), $"give 1 to {MaxProducts} products.");
        if (request.Address is { } address) DeliveryDestinations.Check(address, FieldPath.Of("location.shippingAddress"));
        var now = await clock.NowAsync(targetId, ct);
        var expires = request.Shopper is not null && request.Address is { } full && DeliveryDestinations.IsComplete(full)
            ? now.AddMinutes(promise.OfferMinutes) : (DateTimeOffset?)null;
        var expiresAt = expires is { } at ? Timestamps.FormatSeconds(at) : null;
        var prime = wantPrime && request.Shopper is not { IsPrime: false };
        var groups = new List<PreviewGroup>();
        for (var i = 0; i < request.Products.Count; i++)
        {
            var (lookup, amount, unit) = request.Products[i];
            var product = await catalog.FindAsync(targetId, lookup, ct)
                ?? throw BwpException.NotFound($"At least one item or product ID in the request is invalid: no product with {lookup} in this catalog.");
            CheckAvailable(product, amount, codes, FieldPath.Of("products")[i]);
            groups.Add(new PreviewGroup(ids.Guid(), new PreviewedProduct(product.Id, lookup, amount, unit), Offer(prime, now, ids) with { ExpiresAt = expiresAt }));
        }
        var preview = new DeliveryPreview
        {
            Id = ids.Guid(),
            CreatedAt = Timestamps.Format(now),
            ExpiresAt = expiresAt,
            ValidUntil = Timestamps.Format(expires ?? now.AddHours(promise.AnonymousOfferHours)),
            Shopper = request.Shopper,
            Address = request.Address,
            Groups = groups,
        };
        return (preview, now);
    }

    public Task<DeliveryPreview?> FindAsync(string targetId, string previewId, CancellationToken ct = default) => previews.FindAsync(targetId, previewId, ct);

    private static void CheckAvailable(CatalogProduct product, decimal amount, AvailabilityCodes codes, FieldPath at)
    {
        string Code(string productCode) => codes == AvailabilityCodes.Item ? ErrorCodes.ItemAmountUnavailable : productCode;
        if (amount <= 0 || amount != decimal.Truncate(amount))
            throw BwpException.Validation(ErrorCodes.InvalidInput, at.Field("amount"), "give a whole number of units, at least 1.");
        if (!product.OfferPrime || product.Buyability != BuyabilityStatus.Buyable)
            throw BwpException.Validation(Code(ErrorCodes.ProductNotPrimeEnabled), at,
                $"product {product.Id} is not offered with Buy with Prime (offerPrime {product.OfferPrime.ToString().ToLowerInvariant()}, buyability {product.Buyability}).");
        if (product.BuyableQuantity <= 0)
            throw BwpException.Validation(Code(ErrorCodes.ProductOutOfStock), at, $"product {product.Id} is out of stock.");
        if (amount > product.BuyableQuantity)
            throw BwpException.Validation(Code(ErrorCodes.ProductAmountUnavailable), at,
                $"only {product.BuyableQuantity.ToString(CultureInfo.InvariantCulture)} units of product {product.Id} can be sold now.");
    }

    private PreviewOffer Offer(bool prime, DateTimeOffset now, IdSource ids)
    {
        var day = now.AddDays(prime ? promise.PrimeDays : promise.StandardDays);
        var date = Timestamps.FormatSeconds(day);
        var text = (prime ? "Get it on " : "Get it by ") + day.UtcDateTime.ToString("ddd, MMM d", CultureInfo.InvariantCulture);
        return new PreviewOffer(ids.Guid(), prime, new Money(0, "USD"), date, date, text);
    }
}
