namespace BwpOrders.Domain.Tests.Infrastructure;

/// <summary>
/// Orders, line items and changes for the rule tests, built through the domain's own factory and rules (never by
/// setting stored fields by hand), so every order a test starts from is one the rules could have produced.
/// </summary>
public static class Build
{
    /// <summary>The fixed clock of every test; changes after the order's creation happen an hour later.</summary>
    public static readonly DateTimeOffset Created = new(2024, 11, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = Created.AddHours(1);

    public static Money Usd(decimal amount) => new(amount, "USD");

    public static Alias Alias(string id, string type = "EXTERNAL_ID") => new(type, id);

    /// <summary>A line Amazon fulfils (BwP packages it once the order starts): product with title, price and sku.</summary>
    public static LineItemPatch AmazonLine(decimal quantity = 1, decimal price = 10, string? alias = null,
        DiscountAllocations? discounts = null, Taxes? taxes = null) => new()
    {
        Aliases = alias is null ? null : [Alias(alias)],
        Amount = new Quantity(quantity),
        Product = new Product { Title = "Widget", Price = Usd(price), Identifier = new ProductIdentifier { Sku = "sku-1" } },
        DeliveryOffer = new DeliveryOffer { Details = new DeliveryOfferDetails { DeliveryProvider = DeliveryProviders.Amazon } },
        Discounts = discounts,
        Taxes = taxes,
    };

    /// <summary>A line the merchant delivers: needs no product, and a summary offer is enough.</summary>
    public static LineItemPatch MerchantLine(decimal quantity = 1, string? alias = null) => new()
    {
        Aliases = alias is null ? null : [Alias(alias)],
        Amount = new Quantity(quantity),
        DeliveryOffer = new DeliveryOffer { Summary = new DeliveryOfferSummary { DeliveryProvider = DeliveryProviders.Merchant } },
    };

    /// <summary>A new, not started order (one Amazon line of 2 at 10 USD unless told otherwise).</summary>
    public static Order Order(params LineItemPatch[] lines) =>
        OrderFactory.Create(new CreateOrderCommand { LineItems = lines.Length == 0 ? [AmazonLine(quantity: 2)] : [.. lines] }, Created).Order;

    /// <summary>A started order: BwP has made one PENDING package for its Amazon-fulfilled lines.</summary>
    public static Order Started(params LineItemPatch[] lines)
    {
        var order = Order(lines);
        Update(order, new UpdateOrderCommand { Order = Lookup(order), DesiredExecutionState = ExecutionStates.Started });
        return order;
    }

    /// <summary>A started order whose one package BwP has delivered (a shopper may return what it holds).</summary>
    public static Order Delivered(params LineItemPatch[] lines)
    {
        var order = Started(lines);
        MoveTo(order, order.PackageInformation.Details.Single(), PackageStates.Delivered);
        return order;
    }

    /// <summary>Brings a PENDING package to <paramref name="state"/> by legal moves, as BwP would (a cancellation is UNFULFILLABLE).</summary>
    public static void MoveTo(Order order, PackageDetails package, string state)
    {
        string[] path = state switch
        {
            PackageStates.InTransit => [PackageStates.InTransit],
            PackageStates.Delivered => [PackageStates.InTransit, PackageStates.Delivered],
            PackageStates.Cancelled => [PackageStates.Cancelled],
            _ => [],
        };
        foreach (var next in path)
            PackageMoves.Apply(ChangeOf(order), package, next, next == PackageStates.Cancelled ? PackageReasons.Unfulfillable : null);
    }

    public static OrderLookup Lookup(Order order) => new(OrderId: order.Id);

    /// <summary>A change to <paramref name="order"/>, an hour after it was created, that rules record into.</summary>
    public static Change ChangeOf(Order order, DateTimeOffset? at = null) => new(order, at ?? Later);

    public static Change? Update(Order order, UpdateOrderCommand command) => OrderUpdater.Apply(order, command, Later);

    /// <summary>updateOrder with only <c>refunds.details</c>.</summary>
    public static Change? UpdateRefunds(Order order, params RefundPatch[] refunds) =>
        Update(order, new UpdateOrderCommand { Order = Lookup(order), Refunds = [.. refunds] });

    /// <summary>updateOrder with only <c>returns.details</c>.</summary>
    public static Change? UpdateReturns(Order order, params ReturnPatch[] returns) =>
        Update(order, new UpdateOrderCommand { Order = Lookup(order), Returns = [.. returns] });

    /// <summary>An external refund of the merchant's, recorded under <paramref name="alias"/>.</summary>
    public static RefundPatch NewRefund(string alias, decimal total = 5, string? state = null, string? reason = null,
        RefundedLineItemPatch? refundFor = null) => new()
    {
        Aliases = [Alias(alias, "EXTERNAL_REFUND_ID")],
        TotalAmount = Usd(total),
        State = state,
        RefundRequestReason = reason,
        RefundFor = refundFor is null ? null : [refundFor],
    };

    public static LineItemAmountPatch Amount(LineItem item, decimal value) => new(item.Id, new Quantity(value));

    /// <summary>A shopper's return through BwP of <paramref name="amount"/> of the order's first line (submitted unless told).</summary>
    public static ReturnDetails ShopperReturn(Order order, decimal amount = 1, bool submit = true) =>
        ShopperReturns.Start(ChangeOf(order), new StartReturnCommand
        {
            Order = Lookup(order),
            Items = [new ReturnedItemPatch(order.LineItems[0].Id, amount, "DEFECTIVE", null)],
            Submit = submit,
        });

    public static IEnumerable<string> EventTypes(this Change change) => change.Events.Select(e => e.Type);
}
