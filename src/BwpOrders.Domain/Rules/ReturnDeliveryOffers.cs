using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>One way a shopper may send a return back: what to do, and where to look for a drop-off point (if anywhere).</summary>
public sealed record ReturnDeliveryOffer(string Id, IReadOnlyList<string> Instructions, string? LocatorText, string? LocatorUrl);

/// <summary>
/// The return delivery offers BwP makes for a shopper return (2024-11-01 <c>returnDeliveryGroups</c>): a label-free
/// drop-off at a carrier store (the default) or a carrier pickup at the delivery address. Their ids are the return's
/// id and a suffix, so they stay the same for the return. While the return is a DRAFT the merchant chooses one
/// (updateReturn); submitting fixes the choice, or the default if none was made. A return has one delivery group:
/// its items travel together in one return package.
/// </summary>
public static class ReturnDeliveryOffers
{
    private static ReturnDeliveryOffer DropOff(ReturnDetails ret) => new($"{ret.Id}-dropoff",
        ["Bring the items to a UPS Store; they pack and ship them for free. Show the return code from your confirmation email.", "Printer not required."],
        "Choose dropoff location", "https://returns.example.amazon.com/dropoff-locations?carrier=ups");

    private static ReturnDeliveryOffer Pickup(ReturnDetails ret) => new($"{ret.Id}-pickup",
        ["Pack the items and attach the return label; UPS picks the package up at your delivery address on the next business day."],
        null, null);

    /// <summary>The offers BwP makes for the return, the default first; none for the merchant's own (external) returns.</summary>
    public static IReadOnlyList<ReturnDeliveryOffer> For(ReturnDetails ret) => ret.StartedThroughBwp ? [DropOff(ret), Pickup(ret)] : [];

    /// <summary>The offer the return goes back by: the one chosen, else the default.</summary>
    public static ReturnDeliveryOffer? Effective(ReturnDetails ret) =>
        For(ret).FirstOrDefault(o => o.Id == ret.ReturnDeliveryOfferId) ?? For(ret).FirstOrDefault();

    /// <summary>What <c>returnDeliveryGroups</c> shows: every offer while a DRAFT has none chosen, else the one it goes back by.</summary>
    public static IReadOnlyList<ReturnDeliveryOffer> Shown(ReturnDetails ret) =>
        ret.State == ReturnStates.Draft && ret.ReturnDeliveryOfferId is null ? For(ret) : Effective(ret) is { } offer ? [offer] : [];

    /// <summary>updateReturn's choice of an offer for a DRAFT return (checked to be a DRAFT by the caller).</summary>
    public static void Choose(Change change, ReturnDetails ret, string offerId, FieldPath path)
    {
        var offers = For(ret);
        if (offers.All(o => o.Id != offerId))
            throw BwpException.Validation(ErrorCodes.InvalidReturnDeliveryOfferId, path,
                $"return {ret.Id} has no return delivery offer '{offerId}'; choose one of {string.Join(", ", offers.Select(o => o.Id))} (its returnDeliveryGroups).");
        if (ret.ReturnDeliveryOfferId == offerId) return;
        ret.ReturnDeliveryOfferId = offerId;
        ret.UpdatedAt = change.Now;
    }
}
