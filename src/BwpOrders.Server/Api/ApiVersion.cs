namespace BwpOrders.Server.Api;

/// <summary>How a version shows a line item's product and quantity.</summary>
public enum OrderShape
{
    /// <summary>2024-01-01: purchasedItem, quantity, lineItemAliases, orderAliases, lineItemAssociations; updateOrder's deliveryInformationDetailsAliases.</summary>
    PurchasedItem,

    /// <summary>2024-04-01 on: product, amount, aliases, the offer's price and deliveryOfferFor, return line items.</summary>
    Product,
}

/// <summary>How a version shows the packages BwP ships.</summary>
public enum PackageView
{
    /// <summary>2024-01-01, 2024-04-01: deliveryInformation with trackingDetails.</summary>
    DeliveryInformation,

    /// <summary>2024-11-01: packageInformation with package trackers (and line items list their reversalOffers).</summary>
    PackageInformation,
}

/// <summary>Where updateOrder and cancelOrder take the order from.</summary>
public enum OrderArgument
{
    /// <summary>The version has no such operation.</summary>
    None,

    /// <summary>Inside the input: updateOrder(input: {orderId}) (2024-01-01, 2024-04-01), cancelOrder(input: {orderIdentifier}) (2024-04-01).</summary>
    InInput,

    /// <summary>An argument of its own: (orderIdentifier:, input:) (2024-11-01).</summary>
    OrderIdentifier,
}

/// <summary>How a version asks BwP for a product's return offers.</summary>
public enum ReversalOffersQuery
{
    /// <summary>2024-01-01 generateReversalOffers, with reversalOfferGroups.</summary>
    Generate,

    /// <summary>2024-04-01 on: reversalOffers, with reversalOfferCollection.</summary>
    Collection,
}

/// <summary>Which sandbox mutations a version documents (none are served in production).</summary>
public enum SandboxMutations
{
    None,

    /// <summary>2024-01-01: updateOrderDeliveryInformation and updateOrderReturns(input: {orderId, details}).</summary>
    DeliveryInformation,

    /// <summary>2024-11-01: updateOrderPackageInformation and updateOrderReturns(orderIdentifier:, input:).</summary>
    PackageInformation,
}

/// <summary>How a version names BwP's events (they are stored by their current names).</summary>
public enum EventNaming
{
    /// <summary>2024-01-01 and 2024-04-01: DELIVERY_* and RETURN_DELIVERY_*; no ORDER_CONFIRMED, REFUND_COMPLETED or tracker events.</summary>
    Delivery,

    /// <summary>2024-11-01 on: PACKAGE_*, RETURN_PACKAGE_*, ORDER_CONFIRMED, REFUND_COMPLETED, PACKAGE_TRACKER_MILESTONE_CHANGED (older names still subscribable).</summary>
    Package,
}

/// <summary>What a version's Event interface offers.</summary>
public enum EventInterface
{
    /// <summary>2024-01-01: create and delete EventBridge subscriptions.</summary>
    SubscribeOnly,

    /// <summary>2024-04-01: also read a subscription back.</summary>
    WithLookup,

    /// <summary>2024-11-01: also list subscriptions, webhook destinations and auth profiles.</summary>
    WithWebhooks,
}

/// <summary>What an event delivery carries.</summary>
public enum EventPayload
{
    /// <summary>An EventBridge PutEvents entry whose detail is empty (BwP's legacy EventBridge events).</summary>
    EmptyDetail,

    /// <summary>BwP's envelope (idempotency key, descriptor, resources, data.order ...), as the webhook body or the EventBridge detail.</summary>
    Envelope,
}

/// <summary>How a version's IdentityTokenInput names the shopper (shopperBwPEligibility, deliveryPreview, createOrder).</summary>
public enum ShopperIdentityInput
{
    /// <summary>2024-01-01: idPToken with its identityProvider (LWA or APAY).</summary>
    IdpToken,

    /// <summary>2024-04-01: apayCheckoutSessionId {value, externalId}.</summary>
    ApayOnly,

    /// <summary>2024-11-01: lwaAccessToken {value} or apayCheckoutSessionId {value, externalId}; the idP fields are no longer supported.</summary>
    LwaOrApay,
}

/// <summary>Which Catalog interface a version documents.</summary>
public enum CatalogInterface
{
    /// <summary>
    /// 2024-01-01: mappingProduct (a product by its SKU, mSKU, external id or id, under MappingProduct's names); its
    /// catalog feeds are not served, and inventoryItem is its own module.
    /// </summary>
    MappingProduct,

    /// <summary>2024-04-01: product, products, create/update/deleteProduct, createPurchaseGroup; Product has asin and description.</summary>
    WithAsin,

    /// <summary>2024-11-01: the same operations; Product has title, price, metadata and variation groups instead of asin.</summary>
    WithTitleAndPrice,
}

/// <summary>How a version shapes deliveryPreview's input.</summary>
public enum DeliveryPreviewShape
{
    /// <summary>2024-01-01: items {itemIdentifier, amount}, terms {location, shopperIdentity}; availability errors name items.</summary>
    Items,

    /// <summary>2024-04-01: products {productIdentifier, amount}, terms {location, shopperIdentity}.</summary>
    TermsLocation,

    /// <summary>2024-11-01: products, location and shopperIdentity at the top, terms {isPrimeEligible}; offers show their terms.</summary>
    TopLevelLocation,
}

/// <summary>
/// One API version this server speaks, and everything that differs between versions, by capability: code asks a
/// version what it does (<c>version.EventNaming == EventNaming.Package</c>), never which one it is. Every property
/// is required, so a new version states each capability; adding one is an entry in <see cref="All"/> plus its SDL
/// in the modules that have it (<see cref="IApiModule"/>).
/// </summary>
public sealed record ApiVersion
{
    /// <summary>The <c>x-api-version</c> value, as BwP spells it.</summary>
    public required string Name { get; init; }

    /// <summary>The name its SDL files carry in each module's <c>Sdl/</c> folder (its own name, unless it reuses another's SDL).</summary>
    public required string SchemaName { get; init; }

    public required OrderShape OrderShape { get; init; }

    public required PackageView Packages { get; init; }

    public required OrderArgument UpdateOrder { get; init; }

    public required OrderArgument CancelOrder { get; init; }

    public required ReversalOffersQuery ReversalOffers { get; init; }

    /// <summary>The Returns interface: return, createReturn, updateReturn (shopper returns the merchant drives).</summary>
    public required bool ReturnsInterface { get; init; }

    /// <summary>The Tracking interface: packageTracker.</summary>
    public required bool PackageTracking { get; init; }

    public required SandboxMutations Sandbox { get; init; }

    public required EventNaming EventNaming { get; init; }

    public required EventInterface EventInterface { get; init; }

    public required EventPayload EventPayload { get; init; }

    public required ShopperIdentityInput ShopperIdentity { get; init; }

    public required CatalogInterface Catalog { get; init; }

    public required DeliveryPreviewShape DeliveryPreview { get; init; }

    /// <summary>The Offers interface: offers and createOrderFromOffer (its pages print no version; the newest has it).</summary>
    public required bool Offers { get; init; }

    public override string ToString() => Name;

    public static readonly ApiVersion V2024_01_01 = new()
    {
        Name = "2024-01-01",
        SchemaName = "2024-01-01",
        OrderShape = OrderShape.PurchasedItem,
        Packages = PackageView.DeliveryInformation,
        UpdateOrder = OrderArgument.InInput,
        CancelOrder = OrderArgument.None,
        ReversalOffers = ReversalOffersQuery.Generate,
        ReturnsInterface = false,
        PackageTracking = false,
        Sandbox = SandboxMutations.DeliveryInformation,
        EventNaming = EventNaming.Delivery,
        EventInterface = EventInterface.SubscribeOnly,
        EventPayload = EventPayload.EmptyDetail,
        ShopperIdentity = ShopperIdentityInput.IdpToken,
        Catalog = CatalogInterface.MappingProduct,
        DeliveryPreview = DeliveryPreviewShape.Items,
        Offers = false,
    };

    public static readonly ApiVersion V2024_04_01 = new()
    {
        Name = "2024-04-01",
        SchemaName = "2024-04-01",
        OrderShape = OrderShape.Product,
        Packages = PackageView.DeliveryInformation,
        UpdateOrder = OrderArgument.InInput,
        CancelOrder = OrderArgument.InInput,
        ReversalOffers = ReversalOffersQuery.Collection,
        ReturnsInterface = false,
        PackageTracking = false,
        Sandbox = SandboxMutations.None,
        EventNaming = EventNaming.Delivery,
        EventInterface = EventInterface.WithLookup,
        EventPayload = EventPayload.EmptyDetail,
        ShopperIdentity = ShopperIdentityInput.ApayOnly,
        Catalog = CatalogInterface.WithAsin,
        DeliveryPreview = DeliveryPreviewShape.TermsLocation,
        Offers = false,
    };

    public static readonly ApiVersion V2024_11_01 = new()
    {
        Name = "2024-11-01",
        SchemaName = "2024-11-01",
        OrderShape = OrderShape.Product,
        Packages = PackageView.PackageInformation,
        UpdateOrder = OrderArgument.OrderIdentifier,
        CancelOrder = OrderArgument.OrderIdentifier,
        ReversalOffers = ReversalOffersQuery.Collection,
        ReturnsInterface = true,
        PackageTracking = true,
        Sandbox = SandboxMutations.PackageInformation,
        EventNaming = EventNaming.Package,
        EventInterface = EventInterface.WithWebhooks,
        EventPayload = EventPayload.Envelope,
        ShopperIdentity = ShopperIdentityInput.LwaOrApay,
        Catalog = CatalogInterface.WithTitleAndPrice,
        DeliveryPreview = DeliveryPreviewShape.TopLevelLocation,
        Offers = true,
    };

    /// <summary>The versions served, oldest first.</summary>
    public static IReadOnlyList<ApiVersion> All { get; } = [V2024_01_01, V2024_04_01, V2024_11_01];

    /// <summary>The version a request without <c>x-api-version</c> gets.</summary>
    public static ApiVersion Latest => All[^1];

    /// <returns>The served version named <paramref name="name"/>, or null.</returns>
    public static ApiVersion? Parse(string? name) => All.FirstOrDefault(v => v.Name == name);
}
