using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Checkout;

/// <summary>
/// What createOrder checks of a line that asks for Prime delivery: its offer comes from a delivery preview this target
/// issued and that is still valid, for the line's product and amount, to the order's address and for the order's
/// shopper. Lines without Prime delivery keep the order rules alone (updateOrder is not checked: BwP's own seeds add
/// Prime lines to existing orders with made-up preview ids).
/// </summary>
public static class PrimeLineChecks
{
    /// <returns>What the Prime lines take from the catalog's inventory: each line's product and amount.</returns>
    public static async Task<IReadOnlyList<InventoryTake>> CheckAsync(CreateOrderCommand command, Func<string, Task<DeliveryPreview?>> findPreview,
        Func<ProductLookup, Task<CatalogProduct?>> findProduct, DateTimeOffset now)
    {
        var takes = new List<InventoryTake>();
        for (var i = 0; i < command.LineItems.Count; i++)
        {
            var line = command.LineItems[i];
            if (line.DeliveryOffer?.Details is not { IsPrime: true, Id: { } offerId, DeliveryPreviewId: { } previewId }) continue;
            var at = FieldPath.Of("lineItems")[i].Field("selectedDeliveryOffer.details");
            var preview = await findPreview(previewId);
            var group = preview?.GroupWithOffer(offerId);
            if (preview is null || group is null)
                throw BwpException.Validation(ErrorCodes.InvalidDeliveryOffer, at,
                    $"offer '{offerId}' of delivery preview '{previewId}' was not issued to this target: call deliveryPreview and use its id and one of its deliveryOffers' ids.");
            if (now >= Timestamps.Parse(preview.ValidUntil))
                throw BwpException.Validation(ErrorCodes.DeliveryOfferExpired, at, $"delivery preview '{previewId}' expired at {preview.ValidUntil}: call deliveryPreview again.");
            if (!group.Offer.IsPrime)
                throw BwpException.Validation(ErrorCodes.InvalidDeliveryOffer, at,
                    $"offer '{offerId}' is not a Prime offer (the preview was for a shopper who is not a Prime member): set deliveryTerms.isPrimeEligible false, or preview for a Prime member.");
            takes.Add(await CheckProductAsync(line, group, findProduct, FieldPath.Of("lineItems")[i]));
            CheckAddress(preview, command.Recipient?.DeliveryAddress);
            CheckShopper(preview, command.ShopperIdentity);
        }
        return takes;
    }

    private static async Task<InventoryTake> CheckProductAsync(LineItemPatch line, PreviewGroup group, Func<ProductLookup, Task<CatalogProduct?>> findProduct, FieldPath at)
    {
        var lookup = ProductLookup.Of(line.Product?.Identifier);
        var product = lookup is null ? null : await findProduct(lookup);
        if (product?.Id != group.Product.ProductId)
            throw BwpException.Validation(ErrorCodes.InvalidDeliveryOffer, at.Field("product.identifier"),
                $"the offer was made for product {group.Product.ProductId} ({group.Product.AskedAs}), not this line's product: use the offer of this product's delivery group.");
        if (line.Amount?.Value != group.Product.Amount)
            throw BwpException.Validation(ErrorCodes.InvalidDeliveryOffer, at.Field("amount"),
                $"the offer was made for {group.Product.Amount} units: order that amount, or preview the amount you order.");
        return new InventoryTake(product.Id, group.Product.Amount);
    }

    private static void CheckAddress(DeliveryPreview preview, Address? recipient)
    {
        if (preview.Address is not { } previewed) return;
        var same = recipient is not null && Same(recipient.PostalCode is null ? null : DeliveryDestinations.Zip5(recipient.PostalCode), DeliveryDestinations.Zip5(previewed.PostalCode ?? ""))
            && (!DeliveryDestinations.IsComplete(previewed)
                || (Same(recipient.StreetAddress, previewed.StreetAddress) && Same(recipient.Locality, previewed.Locality) && Same(recipient.Region, previewed.Region)));
        if (!same)
            throw BwpException.Validation(ErrorCodes.AddressMismatch, FieldPath.Of("recipient.deliveryAddress"),
                $"the delivery preview '{preview.Id}' was made for {Describe(previewed)}: deliver to that address, or preview again for this one.");
    }

    private static void CheckShopper(DeliveryPreview preview, ShopperIdentity? identity)
    {
        if (preview.Shopper is not { } previewed) return;
        var shopper = SandboxShoppers.Of(identity);
        if (shopper?.ShopperId != previewed.ShopperId)
            throw BwpException.Validation(ErrorCodes.ShopperIdentityMismatch, FieldPath.Of("shopperIdentity"),
                "the delivery preview was made for another shopper: send the shopper identity token the preview was made with.");
    }

    private static bool Same(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Describe(Address address) => DeliveryDestinations.IsComplete(address)
        ? $"{address.StreetAddress}, {address.Locality}, {address.Region} {address.PostalCode}"
        : $"ZIP code {address.PostalCode}";
}

/// <summary>
/// Where createOrder looks up the previews and products its Prime lines name, and whether an order taking inventory
/// announces it (<c>INVENTORY_CHANGED</c>: BwP does, except in its sandbox, whose page says it never does).
/// </summary>
public sealed record CheckoutLookups(IDeliveryPreviewStore Previews, ICatalogStore Catalog, bool OrdersAnnounceInventory = false);
