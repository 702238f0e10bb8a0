using BwpOrders.Domain;
using BwpOrders.Domain.Catalog;
using BwpOrders.Domain.Checkout;
using BwpOrders.Server.Api.Catalog;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.Api.ShopperEligibility;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.DeliveryPreview;

/// <summary>
/// How each version shapes <c>DeliveryPreviewInput</c>: 2024-01-01 <c>items</c> with <c>terms.location</c>; 2024-04-01
/// <c>products</c> with <c>terms.location</c>; 2024-11-01 <c>products</c> with <c>location</c> and
/// <c>shopperIdentity</c> at the top and <c>terms</c> the delivery terms asked for.
/// </summary>
public static class DeliveryPreviewInputs
{
    public static InputPaths PathsIn(ApiVersion version) => version.DeliveryPreview switch
    {
        DeliveryPreviewShape.Items => new("input", ("products", "items"), ("location", "terms.location")),
        DeliveryPreviewShape.TermsLocation => new("input", ("location", "terms.location")),
        _ => new("input"),
    };

    public static (PreviewRequest Request, bool WantPrime) Read(Input input, ApiVersion version)
    {
        var items = version.DeliveryPreview == DeliveryPreviewShape.Items;
        var products = (input.List(items ? "items" : "products") ?? []).Select((p, i) => items ? Item(p, i) : Product(p, i)).ToList();
        var context = version.DeliveryPreview == DeliveryPreviewShape.TopLevelLocation ? input : input.Object("terms");
        var address = context.Object("location").Map("shippingAddress", OrderInputs.Address);
        var identity = context.Object("shopperIdentity");
        var shopper = identity.IsNull ? null : ShopperIdentityInputs.Shopper(identity, version, FieldPath.Of("shopperIdentity"));
        var wantPrime = version.DeliveryPreview != DeliveryPreviewShape.TopLevelLocation || input.Object("terms").Bool("isPrimeEligible") != false;
        return (new PreviewRequest(products, address, shopper), wantPrime);
    }

    private static (ProductLookup, decimal, string?) Product(Input product, int i)
    {
        var amount = product.Object("amount");
        return (CatalogInputs.Identifier(product.Object("productIdentifier"), $"input.products[{i}].productIdentifier"), amount.Decimal("value") ?? 0, amount.String("unit"));
    }

    /// <summary>2024-01-01: <c>itemIdentifier {ID | SKU}</c>, the amount as <c>amount</c> (the guide) or <c>quantity</c> (the changelog).</summary>
    private static (ProductLookup, decimal, string?) Item(Input item, int i)
    {
        var id = item.Object("itemIdentifier");
        var lookup = (id.String("ID"), id.String("SKU")) switch
        {
            ({ } productId, null) => new ProductLookup(ProductLookupKind.ProductId, productId),
            (null, { } sku) => new ProductLookup(ProductLookupKind.Sku, sku),
            _ => throw BwpException.Validation(ErrorCodes.InvalidInput, $"input.items[{i}].itemIdentifier: give exactly one of ID or SKU."),
        };
        var amount = item.Object("amount").IsNull ? item.Object("quantity") : item.Object("amount");
        return (lookup, amount.Decimal("value") ?? 0, amount.String("unit"));
    }
}
