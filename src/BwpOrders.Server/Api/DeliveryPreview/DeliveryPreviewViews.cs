using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Checkout;
using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;
using Preview = BwpOrders.Domain.Checkout.DeliveryPreview;

namespace BwpOrders.Server.Api.DeliveryPreview;

/// <summary>How a preview shows: one group per product with its offer, the product named as the request named it.</summary>
public static class DeliveryPreviewViews
{
    public sealed record SkuIdentifier(string Value);
    public sealed record ExternalIdIdentifier(string Value);
    public sealed record ProductIdIdentifier(string Value);
    public sealed record AmazonSkuIdentifier(string Value, string MarketplaceId);

    public static SchemaBuilder Previews(this SchemaBuilder builder, ApiVersion version)
    {
        var items = version.DeliveryPreview == DeliveryPreviewShape.Items;
        builder
            .Map<Preview>("DeliveryPreview", "deliveryGroups", p => p.Groups)
            .Map<PreviewGroup>("DeliveryGroup", items ? "items" : "products", g => new[] { Product(g.Product) })
            .Map<PreviewGroup>("DeliveryGroup", "deliveryOffers", g => new[] { g.Offer })
            .Map<PreviewOffer>("DeliveryOffer", "date", o => new { o.Earliest, o.Latest })
            .Map<PreviewOffer>("DeliveryOffer", "price", Price)
            .Map<PreviewOffer>("DeliveryOffer", "policy", o => new
            {
                Messaging = new { o.MessageText, Locale = "en-US", Badge = o.IsPrime ? "PRIME" : null },
                ProductMessaging = Array.Empty<object>(),
                ItemMessaging = Array.Empty<object>(),
            });
        if (items)
        {
            builder.Types.For("SkuItemIdentifier").Type = typeof(SkuIdentifier);
            builder.Types.For("IdItemIdentifier").Type = typeof(ProductIdIdentifier);
            builder.Map<PreviewOffer>("DeliveryOffer", "charge", Price);
        }
        else
        {
            builder.Types.For("SkuProductIdentifier").Type = typeof(SkuIdentifier);
            builder.Types.For("ExternalIdProductIdentifier").Type = typeof(ExternalIdIdentifier);
            builder.Types.For("ProductIdProductIdentifier").Type = typeof(ProductIdIdentifier);
            builder.Types.For("AmazonSkuProductIdentifier").Type = typeof(AmazonSkuIdentifier);
        }
        if (version.DeliveryPreview == DeliveryPreviewShape.TopLevelLocation)
            builder.Map<PreviewOffer>("DeliveryOffer", "terms", o => new DeliveryTerms(o.IsPrime, o.IsPrime ? null : "STANDARD"));
        return builder;
    }

    private static object Price(PreviewOffer offer) => new { TotalPrice = offer.Price, RollupPrices = Array.Empty<object>() };

    /// <summary>The product as the request named it; the amount's unit only if the request gave one (BwP answers null).</summary>
    private static object Product(PreviewedProduct product)
    {
        object identifier = product.AskedAs.Kind switch
        {
            ProductLookupKind.Sku => new SkuIdentifier(product.AskedAs.Value),
            ProductLookupKind.ExternalId => new ExternalIdIdentifier(product.AskedAs.Value),
            ProductLookupKind.ProductId => new ProductIdIdentifier(product.AskedAs.Value),
            _ => new AmazonSkuIdentifier(product.AskedAs.Value, AmazonSku.UsMarketplace),
        };
        var amount = new { Unit = product.Unit, Value = product.Amount };
        return new { ProductIdentifier = identifier, ItemIdentifier = identifier, Amount = amount };
    }
}
