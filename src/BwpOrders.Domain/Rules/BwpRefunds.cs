using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>BwP's refund request reasons used by its own side.</summary>
public static class RefundReasons
{
    public const string CancelledOrder = "CANCELLED_ORDER";
    public const string NotDelivered = "NOT_DELIVERED";
    public const string ReturnReceived = "RETURN_RECEIVED";
    public const string ReturnDroppedOffPickedUp = "RETURN_DROPPED_OFF_PICKED_UP";
}

/// <summary>
/// A refund BwP asks the merchant to make (REFUND_REQUESTED): BwP's id, PENDING, BwP's reason, and an estimated
/// total the merchant's first update replaces. The estimate is what the shopper paid for those amounts: the
/// product price, less the line item's discount and plus its tax, in proportion to the amount refunded.
/// </summary>
public static class BwpRefunds
{
    public static Refund? Request(Change change, IReadOnlyList<LineItemAmount> amounts, string reason)
    {
        var covered = amounts.Where(a => a.Amount.Value > 0).Select(a => (Item: change.Order.FindLineItem(a.LineItemId)!, a.Amount)).ToList();
        if (covered.Count == 0) return null;
        var refund = new Refund
        {
            Id = Ids.NewRefundId(),
            RequestedByBwp = true,
            State = RefundStates.Pending,
            RefundRequestReason = reason,
            RefundTotal = Estimate(covered),
            RefundFor = new RefundFor
            {
                OrderLineItems = covered.Select(c => new RefundedLineItem
                {
                    LineItemId = c.Item.Id, LineItem = c.Item, RefundedQuantity = new Quantity(c.Amount.Value, c.Amount.Unit),
                }).ToList(),
            },
            CreatedAt = change.Now,
            UpdatedAt = change.Now,
        };
        change.Order.Refunds.Details.Add(refund);
        change.Record(EventTypes.RefundRequested, $"/refund/{refund.Id}");
        return refund;
    }

    /// <summary>What BwP would refund for <paramref name="amounts"/> of the order's line items (null: no prices known).</summary>
    public static RefundTotal? Estimate(Order order, IEnumerable<LineItemAmount> amounts) =>
        Estimate(amounts.Where(a => a.Amount.Value > 0).Select(a => (Item: order.FindLineItem(a.LineItemId)!, a.Amount)).ToList());

    private static RefundTotal? Estimate(List<(LineItem Item, Quantity Amount)> covered)
    {
        var money = covered.Select(c => Share(c.Item, c.Amount.Value)).OfType<Money>().ToList();
        return money.Count == 0 ? null : new RefundTotal(new Money(money.Sum(m => m.Amount), money[0].CurrencyCode));
    }

    private static Money? Share(LineItem item, decimal amount)
    {
        if (item.Product?.Price is not { } price) return null;
        var fraction = item.Amount.Value == 0 ? 0 : amount / item.Amount.Value;
        var paid = price.Amount * amount
                   - (item.Discounts?.Summary?.Amount.Amount ?? 0) * fraction
                   + (item.Taxes?.Summary?.CollectableTaxAmount?.Amount ?? 0) * fraction;
        return new Money(Math.Round(Math.Max(paid, 0), 2, MidpointRounding.AwayFromZero), price.CurrencyCode);
    }
}
