namespace BwpOrders.Domain.Checkout;

/// <summary>
/// How the sandbox promises delivery (settings <c>Checkout:*</c>): Prime members get free Prime delivery in
/// <see cref="PrimeDays"/>, other shoppers standard delivery in <see cref="StandardDays"/>; an offer made to a signed-in
/// shopper for a complete address expires after <see cref="OfferMinutes"/>, any other after <see cref="AnonymousOfferHours"/>
/// (BwP shows no expiry for those, and keeps no preview for ever).
/// </summary>
public sealed class DeliveryPromise
{
    public int PrimeDays { get; set; } = 2;
    public int StandardDays { get; set; } = 5;
    public int OfferMinutes { get; set; } = 30;
    public int AnonymousOfferHours { get; set; } = 24;

    public DeliveryPromise Check()
    {
        if (PrimeDays is < 0 or > 60 || StandardDays is < 0 or > 60)
            throw new ArgumentException("Checkout:PrimeDays and Checkout:StandardDays must be between 0 and 60 days.");
        if (OfferMinutes is < 1 or > 24 * 60 || AnonymousOfferHours is < 1 or > 24 * 30)
            throw new ArgumentException("Checkout:OfferMinutes must be 1 to 1440 and Checkout:AnonymousOfferHours 1 to 720.");
        return this;
    }
}
