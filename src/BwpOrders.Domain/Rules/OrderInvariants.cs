using System.Text.RegularExpressions;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// Rules every stored order satisfies, checked on the result of each create and update so that no
/// combination of inputs can store an order that breaks them.
/// </summary>
public static partial class OrderInvariants
{
    public static void Check(Order order)
    {
        CheckAliases(order.Aliases, Limits.OrderAliases, FieldPath.Of("aliases"));
        if (order.LineItems.Count == 0)
            throw BwpException.Validation(ErrorCodes.InvalidInput, FieldPath.Of("lineItems"), "an order needs at least one line item.");
        var amazon = order.LineItems.Count(l => l.IsAmazonFulfilled);
        if (amazon > Limits.EligibleLineItems || order.LineItems.Count - amazon > Limits.OtherLineItems)
            throw BwpException.Validation(ErrorCodes.LineItemLimitExceeded, FieldPath.Of("lineItems"),
                $"an order holds at most {Limits.EligibleLineItems} Amazon-fulfilled (Buy with Prime eligible) line items and {Limits.OtherLineItems} others; " +
                $"this one would have {amazon} and {order.LineItems.Count - amazon}.");
        if (order.OrderLinks.Count > Limits.OrderLinks)
            throw BwpException.Validation(ErrorCodes.OrderLinkLimitExceeded, FieldPath.Of("orderLinks"),
                $"an order holds at most {Limits.OrderLinks} links; this one would have {order.OrderLinks.Count}.");

        for (var i = 0; i < order.LineItems.Count; i++)
        {
            var item = order.LineItems[i];
            CheckAliases(item.Aliases, int.MaxValue, FieldPath.Of("lineItems")[i].Field("aliases"));
            if (item.Amount.Value <= 0 || item.Amount.Value > Limits.MaxQuantity)
                throw BwpException.Validation(ErrorCodes.InvalidAmount, FieldPath.Of("lineItems")[i].Field("amount.value"),
                    $"must be greater than 0 and at most {Limits.MaxQuantity}, got {item.Amount.Value}.");
        }
        CheckUniqueAcross(order.LineItems.Select(l => l.Aliases), FieldPath.Of("lineItems"), "line item");
        for (var i = 0; i < order.Refunds.Details.Count; i++)
            CheckAliases(order.Refunds.Details[i].Aliases, Limits.RefundAliases, FieldPath.Of("refunds")[i].Field("aliases"));
        CheckRefundAliasIds(order.Refunds.Details);
        for (var i = 0; i < order.Returns.Details.Count; i++)
            CheckAliases(order.Returns.Details[i].Aliases, Limits.ReturnAliases, FieldPath.Of("returns")[i].Field("aliases"));
        CheckUniqueAcross(order.Returns.Details.Select(r => r.Aliases), FieldPath.Of("returns"), "return");
        var packages = order.PackageInformation.Listed.ToList();
        for (var i = 0; i < packages.Count; i++)
            CheckAliases(packages[i].Aliases, Limits.PackageAliases, FieldPath.Of("packages")[i].Field("aliases"));

        CheckMoney(order);
    }

    private static void CheckAliases(List<Alias> aliases, int limit, FieldPath path)
    {
        if (aliases.Count > limit)
            throw BwpException.Validation(ErrorCodes.AliasLimitExceeded, path, $"at most {limit} aliases are allowed; this would make {aliases.Count}.");
        for (var i = 0; i < aliases.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(aliases[i].AliasType) || string.IsNullOrWhiteSpace(aliases[i].AliasId))
                throw BwpException.Validation(ErrorCodes.InvalidAliasId, path[i], "aliasType and aliasId must not be empty.");
        }
        var duplicate = aliases.GroupBy(a => a).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw BwpException.Validation(ErrorCodes.DuplicateAliasId, path, $"alias {Describe(duplicate.Key)} is given more than once.");
    }

    private static void CheckUniqueAcross(IEnumerable<List<Alias>> owners, FieldPath path, string what)
    {
        var seen = new HashSet<Alias>();
        foreach (var alias in owners.SelectMany(a => a))
        {
            if (!seen.Add(alias))
                throw BwpException.Validation(ErrorCodes.DuplicateAliasId, path, $"alias {Describe(alias)} is already used by another {what} of this order.");
        }
    }

    /// <summary>A refund alias id names one refund of the order, whatever its alias type (BwP: InvalidAliasId).</summary>
    private static void CheckRefundAliasIds(List<Refund> refunds)
    {
        var owner = new Dictionary<string, Refund>();
        for (var i = 0; i < refunds.Count; i++)
            foreach (var alias in refunds[i].Aliases)
                if (owner.TryGetValue(alias.AliasId, out var other) && other != refunds[i])
                    throw BwpException.Validation(ErrorCodes.InvalidAliasId, FieldPath.Of("refunds"),
                        $"alias id '{alias.AliasId}' already names refund {other.Id} of this order; a refund alias id must be unique within the order.");
                else
                    owner[alias.AliasId] = refunds[i];
    }

    /// <summary>All money in an order is non-negative, validly coded and in one currency.</summary>
    private static void CheckMoney(Order order)
    {
        string? currency = null;
        FieldPath? currencyPath = null;
        foreach (var (path, money) in MoneyIn(order))
        {
            if (!CurrencyCode().IsMatch(money.CurrencyCode))
                throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("currencyCode"), $"must be an ISO 4217 code such as USD, got '{money.CurrencyCode}'.");
            if (money.Amount < 0 || money.Amount > Limits.MaxMoneyAmount)
                throw BwpException.Validation(ErrorCodes.InvalidAmount, path.Field("amount"),
                    $"must be between 0 and {Limits.MaxMoneyAmount}, got {money.Amount}.");
            if (currency is null)
                (currency, currencyPath) = (money.CurrencyCode, path);
            else if (money.CurrencyCode != currency)
                throw BwpException.Validation(ErrorCodes.CurrencyMismatch, path.Field("currencyCode"),
                    (FormattableString)$"is {money.CurrencyCode} but {currencyPath!.Field("currencyCode")} is {currency}; an order uses one currency.");
        }
    }

    public static string Describe(Alias alias) => $"{{aliasType: \"{alias.AliasType}\", aliasId: \"{alias.AliasId}\"}}";

    private static IEnumerable<(FieldPath, Money)> MoneyIn(Order order)
    {
        if (order.TotalPrice?.Value is { } total) yield return (FieldPath.Of("totalPrice.value"), total);
        foreach (var m in MoneyIn(order.Taxes, FieldPath.Of("taxes"))) yield return m;
        foreach (var m in MoneyIn(order.Discounts, FieldPath.Of("discounts"))) yield return m;
        foreach (var m in MoneyIn(order.Payments?.Details, FieldPath.Of("payments.details"))) yield return m;
        for (var i = 0; i < order.LineItems.Count; i++)
        {
            var item = order.LineItems[i];
            var path = FieldPath.Of("lineItems")[i];
            if (item.Product?.Price is { } price) yield return (path.Field("product.price"), price);
            if (item.DeliveryOffer?.Details?.DeliveryCharge is { } charge) yield return (path.Field("selectedDeliveryOffer.details.deliveryCharge"), charge);
            foreach (var m in MoneyIn(item.Taxes, path.Field("taxes"))) yield return m;
            foreach (var m in MoneyIn(item.Discounts, path.Field("discounts"))) yield return m;
            foreach (var m in MoneyIn(item.Payments?.Details, path.Field("payments.details"))) yield return m;
        }
        for (var i = 0; i < order.Refunds.Details.Count; i++)
        {
            var refund = order.Refunds.Details[i];
            if (refund.RefundTotal?.TotalAmount is { } refunded) yield return (FieldPath.Of("refunds")[i].Field("refundTotal.totalAmount"), refunded);
            foreach (var m in MoneyIn(refund.PaymentDetails, FieldPath.Of("refunds")[i].Field("paymentDetails"))) yield return m;
        }
    }

    private static IEnumerable<(FieldPath, Money)> MoneyIn(Taxes? taxes, FieldPath path)
    {
        if (taxes?.Summary?.CollectableTaxAmount is { } tax) yield return (path.Field("summary.collectableTaxAmount"), tax);
    }

    private static IEnumerable<(FieldPath, Money)> MoneyIn(DiscountAllocations? discounts, FieldPath path)
    {
        if (discounts?.Summary is { } summary) yield return (path.Field("summary.amount"), summary.Amount);
        var details = discounts?.Details ?? [];
        for (var i = 0; i < details.Count; i++) yield return (path.Field("details")[i].Field("amount"), details[i].Amount);
    }

    private static IEnumerable<(FieldPath, Money)> MoneyIn(List<PaymentDetails>? payments, FieldPath path)
    {
        var list = payments ?? [];
        for (var i = 0; i < list.Count; i++) yield return (path[i].Field("amount"), list[i].Amount);
    }

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
