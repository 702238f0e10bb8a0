using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Commands;

/// <summary>
/// How a caller names an order: its id, an alias, or (2024-01-01 <c>input.orderId</c>) a value that may be
/// either the id or the aliasId of one of its aliases.
/// </summary>
public sealed record OrderLookup(string? OrderId = null, Alias? Alias = null, string? IdOrAliasId = null);

/// <summary>Version-neutral input for createOrder. Each API version maps its own input types to this.</summary>
public sealed class CreateOrderCommand
{
    public List<Alias> Aliases { get; init; } = [];
    public Customer? Customer { get; init; }
    public Recipient? Recipient { get; init; }
    public List<LineItemPatch> LineItems { get; init; } = [];
    public PaymentsPatch? Payments { get; init; }
    public Taxes? Taxes { get; init; }
    public DiscountAllocations? Discounts { get; init; }
    public Money? TotalPrice { get; init; }
    public List<OrderLink> OrderLinks { get; init; } = [];
    public string? DesiredExecutionState { get; init; }
    public ShopperIdentity? ShopperIdentity { get; init; }

    /// <summary>The same command delivering to <paramref name="recipient"/>.</summary>
    public CreateOrderCommand WithRecipient(Recipient recipient) => new()
    {
        Aliases = Aliases, Customer = Customer, Recipient = recipient, LineItems = LineItems, Payments = Payments, Taxes = Taxes,
        Discounts = Discounts, TotalPrice = TotalPrice, OrderLinks = OrderLinks, DesiredExecutionState = DesiredExecutionState, ShopperIdentity = ShopperIdentity,
    };
}

/// <summary>Version-neutral partial update: null means "leave as it is".</summary>
public sealed class UpdateOrderCommand
{
    public required OrderLookup Order { get; init; }
    public List<Alias>? Aliases { get; init; }
    public Customer? Customer { get; init; }
    public Recipient? Recipient { get; init; }
    public List<LineItemPatch>? LineItems { get; init; }
    public PaymentsPatch? Payments { get; init; }
    public Taxes? Taxes { get; init; }
    public DiscountAllocations? Discounts { get; init; }
    public Money? TotalPrice { get; init; }
    public List<OrderLink>? OrderLinks { get; init; }
    public string? DesiredExecutionState { get; init; }
    public List<RefundPatch>? Refunds { get; init; }
    public List<ReturnPatch>? Returns { get; init; }
    public List<PackagePatch>? Packages { get; init; }
}

/// <summary>A line item to add, or (when <see cref="Id"/> or an alias matches) to merge into an existing one.</summary>
public sealed class LineItemPatch
{
    public string? Id { get; init; }
    public List<Alias>? Aliases { get; init; }
    public Product? Product { get; init; }
    public Quantity? Amount { get; init; }
    public ClientDetails? ClientDetails { get; init; }
    public DeliveryOffer? DeliveryOffer { get; init; }
    public DiscountAllocations? Discounts { get; init; }
    public PaymentsPatch? Payments { get; init; }
    public Taxes? Taxes { get; init; }
}

public sealed class PaymentsPatch
{
    public List<PaymentDetails>? Details { get; init; }
    public PaymentSummary? Summary { get; init; }
}

/// <summary>One entry of <c>refunds.details</c>: an upsert keyed by id (BwP id or alias id) or alias.</summary>
public sealed class RefundPatch
{
    public string? Id { get; init; }
    public List<Alias>? Aliases { get; init; }
    public string? State { get; init; }
    public string? RefundRequestReason { get; init; }
    public string? RefundStatusReason { get; init; }
    public Money? TotalAmount { get; init; }
    public List<RefundedLineItemPatch>? RefundFor { get; init; }
    public List<PaymentDetails>? PaymentDetails { get; init; }
}

/// <summary>A reference to an order line item by its id or one of its alias ids.</summary>
public sealed record RefundedLineItemPatch(string LineItem, Quantity? RefundedQuantity);

public sealed record LineItemAmountPatch(string LineItem, Quantity Amount);

/// <summary>One entry of <c>returns.details</c>: updates the return named by id/alias, else creates one.</summary>
public sealed class ReturnPatch
{
    public string? IdentifierId { get; init; }
    public Alias? IdentifierAlias { get; init; }
    public List<Alias>? Aliases { get; init; }
    public string? State { get; init; }
    /// <summary>Each element is one return line item: the order line item amounts it covers.</summary>
    public List<List<LineItemAmountPatch>>? ReturnLineItems { get; init; }
}

public sealed class PackagePatch
{
    public string? Id { get; init; }
    public List<Alias>? Aliases { get; init; }
}

/// <summary>cancelOrder: the whole order, with the merchant's reason.</summary>
public sealed class CancelOrderCommand
{
    public required OrderLookup Order { get; init; }
    public string? Reason { get; init; }
    public string? AdditionalComments { get; init; }
    public List<Alias>? Aliases { get; init; }
}

/// <summary>A sandbox move of one package: to a state (with a reason, for some of its amounts), or a tracker milestone.</summary>
public sealed class PackageMoveCommand
{
    public required string PackageId { get; init; }
    public string? State { get; init; }
    public string? Reason { get; init; }
    public List<LineItemAmountPatch>? Amounts { get; init; }
    public TrackerMilestonePatch? Tracker { get; init; }
}

/// <summary>A tracker milestone the sandbox sets (2024-11-01 packageTrackerState).</summary>
public sealed class TrackerMilestonePatch
{
    public string? TrackingNumber { get; init; }
    public string? CarrierCode { get; init; }
    public required string Code { get; init; }
}

/// <summary>A shopper starts a return through BwP (the online returns center): which amounts of which line items, and why.</summary>
public sealed class StartReturnCommand
{
    public required OrderLookup Order { get; init; }
    public required List<ReturnedItemPatch> Items { get; init; }
    /// <summary>Submit at once (createReturn's desiredReturnExecutionState STARTED); otherwise the return stays a DRAFT.</summary>
    public bool Submit { get; init; } = true;
}

/// <summary>updateReturn: aliases for a BwP return, choosing a DRAFT's return delivery offer, and submitting a DRAFT.</summary>
public sealed class UpdateReturnCommand
{
    public required string ReturnId { get; init; }
    public List<Alias>? Aliases { get; init; }
    /// <summary>The return delivery offer chosen for each group given (<c>returnDeliveryGroups[i].returnDeliveryOffer.details.id</c>).</summary>
    public List<string>? ReturnDeliveryOfferIds { get; init; }
    public bool Submit { get; init; }
}

/// <summary>An amount of a line item a shopper returns, with their reason (createReturn leaves it to the shopper's later choice).</summary>
public sealed record ReturnedItemPatch(string LineItem, decimal Amount, string? ReasonCode, string? AdditionalComments);

/// <summary>A sandbox move of one return package (2024-11-01 updateOrderReturns), or grading of a return line item.</summary>
public sealed class ReturnMoveCommand
{
    public required string ReturnId { get; init; }
    public List<(string PackageId, string State, string? Reason)> Packages { get; init; } = [];
    public List<(string ReturnLineItemId, List<GradedUnits> Units)> Gradings { get; init; } = [];
    /// <summary>2024-01-01: the return goes CREATED → COMPLETED at once.</summary>
    public bool CompleteAtOnce { get; init; }
}
