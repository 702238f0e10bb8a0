using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.Orders;

/// <summary>
/// Maps GraphQL inputs to the version-neutral domain commands. Each version's schema admits only its own
/// field names, so one mapper reading the union of names serves every version: 2024-01-01's
/// purchasedItem/quantity/lineItemAliases and 2024-11-01's product/amount/aliases land in the same place.
/// </summary>
public static class OrderInputs
{
    /// <summary>Where createOrder's and updateOrder's fields are: in <c>input</c>, refunds and returns in their <c>details</c>.</summary>
    private static readonly InputPaths Paths = new("input", ("refunds", "refunds.details"), ("returns", "returns.details"));

    /// <summary>The paths as <paramref name="version"/> names them: its packages' list, and 2024-01-01's purchasedItem.</summary>
    public static InputPaths PathsIn(ApiVersion version) => version switch
    {
        { Packages: PackageView.PackageInformation } => Paths.With(("packages", "packageInformation.details")),
        { OrderShape: OrderShape.PurchasedItem } => Paths.With(("packages", "deliveryInformationDetailsAliases"),
            ("lineItems.product", "purchasedItem"), ("lineItems.product.identifier", "itemId")),
        _ => Paths.With(("packages", "deliveryInformation.details")),
    };

    /// <summary>createOrder's input; createOrderFromOffer's names its own line items <c>additionalLineItems</c>.</summary>
    public static CreateOrderCommand Create(Input input, string lineItems = "lineItems") => new()
    {
        Aliases = OrderAliases(input) ?? [],
        Customer = input.Map("customer", Customer),
        Recipient = input.Map("recipient", Recipient),
        LineItems = input.List(lineItems, LineItem) ?? [],
        Payments = input.Map("payments", Payments),
        Taxes = input.Map("taxes", Taxes),
        Discounts = input.Map("discounts", Discounts),
        TotalPrice = TotalPrice(input),
        OrderLinks = input.List("orderLinks", OrderLink) ?? [],
        DesiredExecutionState = input.String("desiredExecutionState"),
        ShopperIdentity = input.Map("shopperIdentity", ShopperIdentity),
    };

    /// <summary>
    /// 2024-11-01 IdentityTokenInput: the Amazon Pay session or the LWA token. Its deprecated fields are "no longer
    /// supported", so a request that relies on one is refused rather than taken as if no shopper were named.
    /// </summary>
    private static ShopperIdentity ShopperIdentity(Input identity)
    {
        foreach (var retired in new[] { "externalId", "idPToken", "idPTokenType", "identityProvider" })
            if (identity.String(retired) is not null)
                throw BwpException.Validation(ErrorCodes.InvalidInput,
                    $"{Paths.Say(FieldPath.Of("shopperIdentity").Field(retired))} is no longer supported: identify the shopper with lwaAccessToken {{value}} or apayCheckoutSessionId {{value, externalId}}.");
        var apay = identity.Object("apayCheckoutSessionId");
        return new ShopperIdentity(
            Bounded(apay.String("value"), 256, "shopperIdentity.apayCheckoutSessionId.value"),
            Bounded(apay.String("externalId"), 512, "shopperIdentity.apayCheckoutSessionId.externalId"),
            identity.Object("lwaAccessToken").String("value"));
    }

    private static string? Bounded(string? value, int maxLength, string path) =>
        value is null || (value.Length >= 1 && value.Length <= maxLength) ? value
            : throw BwpException.Validation(ErrorCodes.InvalidInput, $"{Paths.Say(FieldPath.Of(path))} must be 1 to {maxLength} characters long, got {value.Length}.");

    public static UpdateOrderCommand Update(OrderLookup order, Input input) => new()
    {
        Order = order,
        Aliases = OrderAliases(input),
        Customer = input.Map("customer", Customer),
        Recipient = input.Map("recipient", Recipient),
        LineItems = input.List("lineItems", LineItem),
        Payments = input.Map("payments", Payments),
        Taxes = input.Map("taxes", Taxes),
        Discounts = input.Map("discounts", Discounts),
        TotalPrice = TotalPrice(input),
        OrderLinks = input.List("orderLinks", OrderLink),
        DesiredExecutionState = input.String("desiredExecutionState"),
        Refunds = input.Object("refunds").List("details", Refund),
        Returns = input.Object("returns").List("details", Return),
        Packages = input.Object("packageInformation").List("details", Package)
            ?? input.Object("deliveryInformation").List("details", Package)
            ?? input.List("deliveryInformationDetailsAliases", Package),
    };

    /// <summary>An <c>OrderIdentifierInput</c>: exactly one of orderId or alias (2024-01-01 also spells it orderAlias).</summary>
    public static OrderLookup Lookup(Input identifier, string path)
    {
        var orderId = identifier.String("orderId");
        var alias = identifier.Map("alias", Alias) ?? identifier.Map("orderAlias", Alias);
        if ((orderId is null) == (alias is null))
            throw BwpException.Validation(ErrorCodes.InvalidInput, $"{path}: give exactly one of orderId or alias.");
        return new OrderLookup(OrderId: orderId, Alias: alias);
    }

    private static List<Alias>? OrderAliases(Input input)
    {
        var aliases = input.List("aliases", Alias);
        var deprecated = input.List("orderAliases", Alias);
        return aliases is null && deprecated is null ? null : [.. aliases ?? [], .. deprecated ?? []];
    }

    private static Money? TotalPrice(Input input) =>
        input.Object("totalPrice").Map("value", Money) ?? input.Object("orderTotal").Map("totalPrice", Money);

    public static Alias Alias(Input i) => new(i.String("aliasType") ?? "", i.String("aliasId") ?? "");

    private static Money Money(Input i) => new(i.Decimal("amount") ?? 0, i.String("currencyCode") ?? "");

    /// <summary>An <c>AmountInput {value, unit}</c>.</summary>
    public static Quantity Amount(Input i) => new(i.Decimal("value") ?? 0, i.String("unit") ?? Quantity.DefaultUnit);

    /// <summary>An <c>OrderLineItemAmountInput</c> naming its line item by id or alias id, resolved against the order later.</summary>
    public static LineItemAmountPatch AmountOfLineItem(Input a) => new(a.Object("lineItemId").String("lineItemId") ?? "", a.Map("amount", Amount)!);

    /// <summary>2024-01-01 <c>QuantityInput {amount, unit}</c>.</summary>
    private static Quantity QuantityInput(Input i) => new(i.Decimal("amount") ?? 0, i.String("unit") ?? Quantity.DefaultUnit);

    public static Address Address(Input i) => new()
    {
        Name = i.String("name"),
        StreetAddress = i.String("streetAddress"),
        ExtendedAddress = i.String("extendedAddress"),
        Locality = i.String("locality"),
        Region = i.String("region"),
        CountryCode = i.String("countryCode"),
        PostalCode = i.String("postalCode"),
        ContactNumber = i.String("contactNumber"),
    };

    private static Contact Contact(Input i, string? id) => new()
    {
        Id = id,
        Name = i.Object("emailData").String("name") ?? i.Object("phoneData").String("name"),
        Email = i.Object("emailData").String("email"),
        PhoneNumber = i.Object("phoneData").String("phoneNumber"),
    };

    private static Customer Customer(Input i) => new()
    {
        Id = i.String("id"),
        Contact = i.Map("contact", c => Contact(c, i.String("id"))),
    };

    private static Recipient Recipient(Input i) => new() { DeliveryAddress = i.Map("deliveryAddress", Address) };

    private static OrderLink OrderLink(Input i) =>
        new(i.String("destinationType") ?? "", i.String("url") ?? "", i.String("displayMessage"));

    private static Taxes Taxes(Input i) => new(i.Map("summary", s => new TaxSummary(s.Map("collectableTaxAmount", Money))));

    private static DiscountAllocations Discounts(Input i) => new()
    {
        Summary = i.Map("summary", s => new DiscountSummary(s.Map("amount", Money)!, s.String("displayString"))),
        Details = i.List("details", d => new DiscountDetails
        {
            Aliases = [.. d.List("aliases", Alias) ?? [], .. d.List("promotionAliases", Alias) ?? []],
            Amount = d.Map("amount", Money)!,
            CouponCode = d.String("couponCode"),
            DisplayString = d.String("displayString"),
        }),
    };

    private static PaymentsPatch Payments(Input i) => new()
    {
        Details = i.List("details", PaymentDetails),
        Summary = i.Map("summary", s => new PaymentSummary(s.Map("amount", Money)!, s.String("paymentMethodDisplayString") ?? "", s.String("state"))),
    };

    private static PaymentDetails PaymentDetails(Input i) => new()
    {
        Id = i.String("id"),
        Aliases = i.List("aliases", Alias) ?? [],
        Amount = i.Map("amount", Money)!,
        PaymentMethod = i.Map("paymentMethod", m => new PaymentMethod(m.String("displayString"), m.String("type"))),
        State = i.String("state"),
        Payer = i.Map("payer", p => new Payer
        {
            Id = p.String("id"),
            BillingAddress = p.Map("billingAddress", Address),
            Contact = p.Map("contact", c => Contact(c, null)),
        }),
        CreatedAt = i.String("createdAt"),
        UpdatedAt = i.String("updatedAt"),
    };

    private static LineItemPatch LineItem(Input i) => new()
    {
        Id = i.Object("id").String("lineItemId"),
        Aliases = i.List("aliases", Alias) is { } aliases ? [.. aliases, .. i.List("lineItemAliases", Alias) ?? []] : i.List("lineItemAliases", Alias),
        Product = i.Map("product", Product) ?? i.Map("purchasedItem", PurchasedItem),
        Amount = i.Map("amount", Amount) ?? i.Map("quantity", QuantityInput),
        ClientDetails = i.Map("clientDetails", ClientDetails),
        DeliveryOffer = i.Map("selectedDeliveryOffer", d => new DeliveryOffer
        {
            Details = d.Map("details", DeliveryOfferDetails),
            Summary = d.Map("summary", DeliveryOfferSummary),
        }),
        Discounts = i.Map("discounts", Discounts),
        Payments = i.Map("payments", Payments),
        Taxes = i.Map("taxes", Taxes),
    };

    private static Product Product(Input i) => new()
    {
        Title = i.String("title"),
        Price = i.Map("price", Money),
        Identifier = i.Map("identifier", ProductIdentifier),
        ImageUrl = i.String("imageUrl"),
        AltText = i.String("altText"),
        ProductDetailPageUrl = i.String("productDetailPageUrl"),
        PurchaseGroupMembership = i.Map("purchaseGroupMembership", g => new PurchaseGroupMembership(g.Object("product").Map("identifier", ProductIdentifier))),
    };

    private static ProductIdentifier ProductIdentifier(Input id) => new()
    {
        ProductId = id.String("productId"),
        Sku = id.String("sku"),
        ExternalId = id.String("externalId"),
    };

    /// <summary>2024-01-01 <c>PurchasedItemInput</c>: itemId {ID, SKU} and price {currentPrice}.</summary>
    private static Product PurchasedItem(Input i) => Product(i) with
    {
        Price = i.Object("price").Map("currentPrice", Money),
        Identifier = i.Map("itemId", id => new ProductIdentifier { ProductId = id.String("ID"), Sku = id.String("SKU") }),
    };

    private static ClientDetails ClientDetails(Input i) => new()
    {
        BrowserFingerprint = i.Map("browserFingerprint", b => new BrowserFingerprint(
            b.String("browserPlatform"), b.String("browserType"), b.String("browserVersion"), b.String("browserTimezone"))),
        IpFingerprint = i.Map("ipFingerprint", p => new IpFingerprint(p.String("ipAddress"))),
        StoreFingerprint = i.Map("storeFingerprint", s => new StoreFingerprint(s.String("storeUrl"))),
    };

    private static DeliveryOfferDetails DeliveryOfferDetails(Input i) => new()
    {
        Id = i.String("id"),
        DeliveryPreviewId = i.String("deliveryPreviewId"),
        DeliveryProvider = Provider(i.String("deliveryProvider")) ?? DeliveryProviders.Merchant,
        DeliveryCharge = i.Map("deliveryCharge", Money),
        // Before 2024-11-01, BUY_WITH_PRIME meant Amazon delivery with Prime: the canonical terms say so.
        DeliveryTerms = i.Map("deliveryTerms", t => new DeliveryTerms(t.Bool("isPrimeEligible"), t.String("deliverySpeed")))
            ?? (i.String("deliveryProvider") == BuyWithPrime ? new DeliveryTerms(true, null) : null),
        Discounts = i.Map("discounts", Discounts),
        DeliveryFor = i.Object("deliveryFor").List("orderLineItemAmounts", LineItemAmount),
    };

    private static DeliveryOfferSummary DeliveryOfferSummary(Input i) => new()
    {
        DeliveryCharge = i.Map("deliveryCharge", Money),
        DeliveryMessage = i.String("deliveryMessage"),
        DeliveryProvider = Provider(i.String("deliveryProvider")),
        Discounts = i.Map("discounts", Discounts),
        Taxes = i.Map("taxes", Taxes),
    };

    /// <summary>2024-01-01 and 2024-04-01 call Amazon fulfilment BUY_WITH_PRIME; the canonical name is AMAZON.</summary>
    private const string BuyWithPrime = "BUY_WITH_PRIME";

    private static string? Provider(string? provider) => provider == BuyWithPrime ? DeliveryProviders.Amazon : provider;

    /// <summary>An <c>OrderLineItemAmountInput</c>: the line item by id or alias id, resolved against the order later.</summary>
    private static LineItemAmount LineItemAmount(Input a) =>
        new() { LineItemId = a.Object("lineItemId").String("lineItemId") ?? "", Amount = a.Map("amount", Amount)! };

    private static RefundPatch Refund(Input i) => new()
    {
        Id = i.String("id"),
        Aliases = i.List("aliases", Alias),
        State = i.String("state"),
        RefundRequestReason = i.String("refundRequestReason"),
        RefundStatusReason = i.String("refundStatusReason"),
        TotalAmount = i.Object("refundTotal").Map("totalAmount", Money),
        RefundFor = i.Object("refundFor").List("orderLineItems", r => new RefundedLineItemPatch(
            r.Object("lineItemId").String("lineItemId") ?? "", r.Map("refundedQuantity", QuantityInput))),
        PaymentDetails = i.List("paymentDetails", PaymentDetails),
    };

    private static ReturnPatch Return(Input i) => new()
    {
        IdentifierId = i.Object("returnIdentifier").String("id"),
        IdentifierAlias = i.Object("returnIdentifier").Map("alias", Alias),
        Aliases = i.List("aliases", Alias),
        State = i.String("state"),
        ReturnLineItems = i.List("returnLineItems", r => r.Object("returnFor").List("orderLineItemAmounts", AmountOfLineItem) ?? []),
    };

    private static PackagePatch Package(Input i) => new() { Id = i.String("id"), Aliases = i.List("aliases", Alias) };
}
