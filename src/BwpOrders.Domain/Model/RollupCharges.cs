namespace BwpOrders.Domain.Model;

/// <summary>One line of an order's total breakdown (BwP's RollupCharge).</summary>
public sealed record RollupCharge(string RollupChargeType, Money Value, string DisplayString);

/// <summary>
/// Computes an order's rollup charges from the order itself: what the line items cost, the tax, shipping and
/// discounts on the order, its line items and their delivery offers, and what has been refunded so far.
/// A charge with nothing behind it is left out; all amounts share the order's one currency.
/// </summary>
public static class RollupCharges
{
    public const string SubTotal = "ORDER_SUB_TOTAL";
    public const string Tax = "ORDER_TAX";
    public const string Shipping = "ORDER_SHIPPING";
    public const string Discount = "DISCOUNT";
    public const string RefundTotal = "REFUND_TOTAL_FEES";

    public static IReadOnlyList<RollupCharge> For(Order order)
    {
        var items = order.LineItems;
        var charges = new List<RollupCharge>();
        Add(charges, SubTotal, "Subtotal", items.Select(i => i.Product?.Price is { } p ? p with { Amount = p.Amount * i.Amount.Value } : null));
        Add(charges, Tax, "Estimated tax", [
            order.Taxes?.Summary?.CollectableTaxAmount,
            .. items.Select(i => i.Taxes?.Summary?.CollectableTaxAmount),
            .. items.Select(i => i.DeliveryOffer?.Summary?.Taxes?.Summary?.CollectableTaxAmount)]);
        Add(charges, Shipping, "Shipping", items.Select(i => i.DeliveryOffer?.Charge));
        Add(charges, Discount, "Discount", [
            order.Discounts?.Summary?.Amount,
            .. items.Select(i => i.Discounts?.Summary?.Amount),
            .. items.Select(i => i.DeliveryOffer?.Discounts?.Summary?.Amount)]);
        Add(charges, RefundTotal, "Refunded", order.Refunds.Details.Select(r => r.RefundTotal?.TotalAmount));
        return charges;
    }

    private static void Add(List<RollupCharge> charges, string type, string display, IEnumerable<Money?> amounts)
    {
        var present = amounts.OfType<Money>().ToList();
        if (present.Count == 0) return;
        charges.Add(new RollupCharge(type, new Money(present.Sum(m => m.Amount), present[0].CurrencyCode), display));
    }
}
