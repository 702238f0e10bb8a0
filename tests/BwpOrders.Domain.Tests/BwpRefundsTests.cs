namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="BwpRefunds"/>: a refund BwP asks for is PENDING, BwP's, with BwP's reason and an estimate of what the
/// shopper paid for the amounts: price × amount, less the line's discount and plus its tax in proportion, to the cent.
/// </summary>
public sealed class BwpRefundsTests
{
    private static LineItemAmount Of(LineItem item, decimal amount) => new() { LineItemId = item.Id, Amount = new Quantity(amount) };

    [Theory]
    [InlineData(4, 4, 2, 4, 42.00)] // 4 × 10 − 2 + 4
    [InlineData(4, 1, 2, 4, 10.50)] // 1 × 10 − 2/4 + 4/4
    [InlineData(3, 1, 1, 3, 10.67)] // 1 × 10 − 1/3 + 3/3 = 10.666…, rounded to the cent
    public void The_estimate_is_what_the_shopper_paid_for_that_share(decimal ordered, decimal refunded, decimal lineDiscount, decimal lineTax, decimal expected)
    {
        var discount = new DiscountAllocations { Summary = new DiscountSummary(Usd(lineDiscount), null) };
        var tax = new Taxes(new TaxSummary(Usd(lineTax)));
        var order = Order(AmazonLine(quantity: ordered, price: 10, discounts: discount, taxes: tax));

        var estimate = BwpRefunds.Estimate(order, [Of(order.LineItems[0], refunded)]);

        Assert.Equal(Usd(expected), estimate!.TotalAmount);
    }

    [Fact]
    public void The_estimate_adds_up_lines_never_goes_below_zero_and_is_none_without_prices()
    {
        var free = new DiscountAllocations { Summary = new DiscountSummary(Usd(50), null) };
        var order = Order(AmazonLine(quantity: 1, price: 10), AmazonLine(quantity: 1, price: 10, discounts: free), MerchantLine());

        Assert.Equal(Usd(10), BwpRefunds.Estimate(order, order.LineItems.Select(l => Of(l, 1)))!.TotalAmount);
        Assert.Null(BwpRefunds.Estimate(order, [Of(order.LineItems[2], 1)]));
    }

    [Fact]
    public void A_request_is_bwps_pending_refund_for_the_amounts_and_announced()
    {
        var order = Order(AmazonLine(quantity: 2, price: 10));
        var change = ChangeOf(order);

        var refund = BwpRefunds.Request(change, [Of(order.LineItems[0], 2)], RefundReasons.ReturnReceived)!;

        Assert.Same(refund, order.Refunds.Details.Single());
        Assert.Equal((RefundStates.Pending, true, RefundReasons.ReturnReceived), (refund.State, refund.RequestedByBwp, refund.RefundRequestReason));
        Assert.Equal(2, refund.RefundFor!.OrderLineItems.Single().RefundedQuantity!.Value);
        Assert.Equal(Usd(20), refund.RefundTotal!.TotalAmount);
        var requested = Assert.Single(change.Events);
        Assert.Equal((Domain.EventTypes.RefundRequested, $"order/{order.Id}/refund/{refund.Id}"), (requested.Type, requested.Resource));
    }

    [Fact]
    public void Nothing_to_refund_is_no_request()
    {
        var order = Order();
        var change = ChangeOf(order);

        Assert.Null(BwpRefunds.Request(change, [Of(order.LineItems[0], 0)], RefundReasons.CancelledOrder));
        Assert.Empty(order.Refunds.Details);
        Assert.Empty(change.Events);
    }
}
