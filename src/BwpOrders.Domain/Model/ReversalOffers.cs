namespace BwpOrders.Domain.Model;

/// <summary>How a reversal-offers request names an item: by the merchant's SKU or by an Amazon marketplace SKU.</summary>
public abstract record ReversalItemId(string Value);
public sealed record SkuReversalItemId(string Value) : ReversalItemId(Value);
public sealed record MskuReversalItemId(string MarketplaceId, string Value) : ReversalItemId(Value);

/// <summary>Whether an item can be returned, and for how long after delivery.</summary>
public sealed record ReversalItemOffer(ReversalItemId Item, bool Returnable)
{
    public const int WindowDays = 30;

    /// <summary>An Amazon Standard Identification Number: ten upper-case letters and digits.</summary>
    public static bool IsAsin(string value) => value.Length == 10 && value.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9');
}

public sealed record ReversalOfferSet(string Id, string ExpiresAt, IReadOnlyList<ReversalItemOffer> Offers);
