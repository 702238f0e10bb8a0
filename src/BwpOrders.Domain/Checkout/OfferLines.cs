using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Checkout;

/// <summary>
/// createOrderFromOffer: an offer's products become the order's first line items, each sold as the catalog has it
/// (title, price, identifiers) with the offer's delivery offer, so createOrder checks them as any line chosen from
/// a preview.
/// </summary>
public static class OfferLines
{
    public static async Task<List<LineItemPatch>> FromAsync(DeliveryPreview offer, Func<ProductLookup, Task<CatalogProduct?>> findProduct)
    {
        var lines = new List<LineItemPatch>();
        foreach (var group in offer.Groups)
        {
            var product = await findProduct(new ProductLookup(ProductLookupKind.ProductId, group.Product.ProductId))
                ?? throw BwpException.Validation(ErrorCodes.InvalidDeliveryOffer, FieldPath.Of("baseOfferId"),
                    $"product {group.Product.ProductId} of the offer is no longer in the catalog: ask for a new offer.");
            if (product.Price is null)
                throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("baseOfferId"),
                    $"product {product.Id} of the offer has no price in the catalog: give it one (updateProduct price, or a catalog import).");
            lines.Add(new LineItemPatch
            {
                Product = new Product
                {
                    Title = product.DisplayTitle ?? product.Sku ?? product.Id,
                    Price = product.Price,
                    Identifier = new ProductIdentifier { ProductId = product.Id, Sku = product.Sku, ExternalId = product.ExternalId },
                    ImageUrl = product.Image?.SourceUrl,
                    ProductDetailPageUrl = product.ProductDetailPageUrl,
                },
                Amount = new Quantity(group.Product.Amount),
                DeliveryOffer = new DeliveryOffer
                {
                    Details = new DeliveryOfferDetails
                    {
                        Id = group.Offer.Id,
                        DeliveryPreviewId = offer.Id,
                        DeliveryProvider = DeliveryProviders.Amazon,
                        DeliveryTerms = new DeliveryTerms(group.Offer.IsPrime, group.Offer.IsPrime ? null : "STANDARD"),
                    },
                },
            });
        }
        return lines;
    }
}
