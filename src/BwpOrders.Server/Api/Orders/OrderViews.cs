using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;
using GraphQL.Utilities;

namespace BwpOrders.Server.Api.Orders;

/// <summary>
/// How the canonical order shows through the documented output types that several versions share. Each
/// version's adapter applies the groups its schema has; the rest of a field is resolved by name.
/// </summary>
public static class OrderViews
{
    /// <summary>Fields every version has.</summary>
    public static SchemaBuilder Common(this SchemaBuilder builder) => builder
        .Map<Address>("Address", "phoneNumber", a => a.ContactNumber)
        .Map<Quantity>("Quantity", "amount", q => q.Value)
        .Map<Order>("Order", "totalPrice", TotalPrice)
        .Map<DeliveryOfferDetails>("DeliveryOfferDetails", "recipient", (_, ctx) => ctx.Ancestor<LineItem>()?.Order?.Recipient ?? new Recipient())
        .Null("DeliveryOfferDetails", "policy", "taxes")
        .Null("DeliveryOfferSummary", "deliveryOfferFor");

    /// <summary>2024-01-01: purchased items, quantities and the older alias and association names.</summary>
    public static SchemaBuilder PurchasedItems(this SchemaBuilder builder) => builder
        .Map<Order>("Order", "orderAliases", o => o.Aliases)
        .Map<LineItem>("LineItem", "lineItemAliases", l => l.Aliases)
        .Map<LineItem>("LineItem", "quantity", l => l.Amount)
        .Map<LineItem>("LineItem", "purchasedItem", l => l.Product)
        .Map<Product>("PurchasedItem", "price", p => new { CurrentPrice = p.Price })
        .Map<Product>("PurchasedItem", "itemIdentifiers", ItemIdentifiers)
        .Null("DeliveryOfferDetails", "estimatedDeliveryDate")
        .Map<DeliveryOfferDetails>("DeliveryOfferDetails", "lineItemAssociations", d => d.DeliveryFor)
        .Map<ReturnDetails>("ReturnDetails", "returnFor", r => new { OrderLineItems = r.CoveredAmounts })
        .Map<LineItemAmount>("ReturnedOrderLineItem", "returnedQuantity", a => a.Amount);

    private static IEnumerable<object> ItemIdentifiers(Product product)
    {
        if (product.Identifier?.ProductId is { } id) yield return new { Type = "ID", Value = id };
        if (product.Identifier?.Sku is { } sku) yield return new { Type = "SKU", Value = sku };
        if (product.Identifier?.ExternalId is { } external) yield return new { Type = "EXTERNAL_ID", Value = external };
    }

    /// <summary>2024-04-01 and 2024-11-01: the offer's price and date, and the line items it delivers together.</summary>
    public static SchemaBuilder OfferPrice(this SchemaBuilder builder) => builder
        .Map<DeliveryOfferDetails>("DeliveryOfferDetails", "price", d => d.DeliveryCharge is { } charge ? new { Amount = charge, DisplayString = (string?)null } : null)
        .Null("DeliveryOfferDetails", "date")
        .Map<DeliveryOfferDetails>("DeliveryOfferDetails", "deliveryOfferFor", d => d.DeliveryFor is { } amounts ? new { OrderLineItemAmounts = amounts } : null);

    /// <summary>
    /// 2024-01-01 and 2024-04-01: packages are "delivery information" (on the order and on each line item), and
    /// Amazon delivery is reported as provider PRIME.
    /// </summary>
    public static SchemaBuilder DeliveryInformation(this SchemaBuilder builder) => builder
        .Map<Order>("Order", "deliveryInformation", o => o.PackageInformation)
        .Map<PackageInformation>("DeliveryInformation", "details", p => p.Listed)
        .Map<LineItem>("LineItem", "deliveryInformation", l => l.Order?.PackageInformation.For(l))
        .Map<PackageDetails>("DeliveryInformationDetails", "deliveryInformationDetailsFor",
            p => p.PackageInformationDetailsFor is { } covered ? new { OrderLineItems = covered.OrderLineItemAmounts } : null)
        .Map<PackageDetails>("DeliveryInformationDetails", "estimatedDeliveryDate", p => p.PackageTracker?.EstimatedDeliveryDate)
        .Map<PackageDetails>("DeliveryInformationDetails", "trackingDetails", p => TrackingDetails(p.PackageTracker))
        .Map<DeliveryOfferDetails>("DeliveryOfferDetails", "deliveryProvider", d => ReportedProvider(d.DeliveryProvider))
        .Map<DeliveryOfferSummary>("DeliveryOfferSummary", "deliveryProvider", s => ReportedProvider(s.DeliveryProvider));

    /// <summary>
    /// 2024-11-01: a product snapshot as BwP's payloads show it (identifiers as <c>{value}</c> objects, an image, whether
    /// the offer was Prime), on line items and return line items alike. Amazon's own SKU is not known here: null.
    /// </summary>
    public static object ProductView(LineItem item) => new
    {
        AmazonSku = (object?)null,
        ExternalId = item.Product?.Identifier?.ExternalId is { } external ? new { Value = external } : null,
        Image = item.Product?.ImageUrl is { } url ? new { item.Product.AltText, DisplayReadyUrl = url, SourceUrl = url } : null,
        OfferPrime = item.DeliveryOffer?.Details?.IsPrime ?? false,
        item.Product?.Price,
        item.Product?.ProductDetailPageUrl,
        ProductId = item.Product?.Identifier?.ProductId is { } productId ? new { Value = productId } : null,
        Sku = item.Product?.Identifier?.Sku is { } sku ? new { Value = sku } : null,
        item.Product?.Title,
        item.Product?.PurchaseGroupMembership,
    };

    /// <summary>2024-11-01: packages are "package information", with trackers.</summary>
    public static SchemaBuilder PackageInformation(this SchemaBuilder builder) => builder
        .Map<PackageInformation>("PackageInformation", "details", p => p.Listed)
        .Map<LineItem>("LineItem", "product", l => l.Product is null ? null : ProductView(l))
        .Map<LineItem>("LineItem", "packageInformation", l => l.Order?.PackageInformation.For(l));

    /// <summary>2024-04-01 and 2024-11-01: returns with return line items and return delivery details.</summary>
    public static SchemaBuilder ReturnLineItems(this SchemaBuilder builder) => builder
        .Map<ReturnDetails>("ReturnDetails", "returnFor", r => new { OrderLineItemAmounts = r.CoveredAmounts })
        .Map<ReturnDetails>("ReturnDetails", "returnDeliveryDetails", r => r.ReturnPackages.Select(p => new
        {
            p.Id, p.Reason, ReturnDeliveryFor = p.ReturnPackageFor, p.State, TrackingDetails = TrackingDetails(p.PackageTracker),
        }))
        .Map<ReturnDetails>("ReturnDetails", "returnPackageDetails", r => r.ReturnPackages)
        .Map<RefundedLineItem>("RefundedOrderLineItem", "amount", r => r.RefundedQuantity);

    /// <summary>The order total as merchants sent it, with the breakdown BwP computes from the order.</summary>
    private static object? TotalPrice(Order order)
    {
        if (order.TotalPrice is not null) return new TotalPriceView(order, null);
        var charges = RollupCharges.For(order);
        return charges.Count == 0 ? null : new TotalPriceView(order, charges);
    }

    /// <summary>An order's total; its rollup charges are worked out only if a query selects them.</summary>
    private sealed class TotalPriceView(Order order, IReadOnlyList<RollupCharge>? charges)
    {
        public Money? Value => order.TotalPrice?.Value;
        public Money? TotalPrice => Value;
        public bool Verified => order.TotalPrice?.Verified ?? false;
        public IReadOnlyList<RollupCharge> RollupCharges => charges ??= Domain.Model.RollupCharges.For(order);
    }

    /// <summary>Before package trackers (2024-11-01), a package's tracking was its carrier, number and URL.</summary>
    private static object? TrackingDetails(PackageTracker? tracker) => tracker is null ? null
        : new { tracker.PackageTrackerIdentifier.CarrierCode, tracker.PackageTrackerIdentifier.TrackingNumber, tracker.TrackingUrl };

    /// <summary>Before 2024-11-01, Amazon fulfilment is reported as PRIME.</summary>
    private static string? ReportedProvider(string? provider) => provider == DeliveryProviders.Amazon ? "PRIME" : provider;
}
