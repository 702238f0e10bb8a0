namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="ReturnDeliveryOffers"/> and updateReturn (<see cref="ShopperReturns.Update"/>): a shopper return is offered
/// a drop-off (the default) and a pickup; a DRAFT chooses one and is submitted; submitting fixes the choice.
/// </summary>
public sealed class ReturnDeliveryOffersTests
{
    private static void UpdateReturn(Order order, ReturnDetails ret, List<string>? offers = null, bool submit = false, List<Alias>? aliases = null,
        DateTimeOffset? at = null) =>
        ShopperReturns.Update(ChangeOf(order, at), ret, new UpdateReturnCommand { ReturnId = ret.Id, ReturnDeliveryOfferIds = offers, Submit = submit, Aliases = aliases });

    [Fact]
    public void A_draft_shows_both_offers_the_default_first_and_an_external_return_none()
    {
        var order = Delivered();
        var draft = ShopperReturn(order, submit: false);
        UpdateReturns(order, new ReturnPatch { Aliases = [Alias("external")] });

        Assert.Equal([$"{draft.Id}-dropoff", $"{draft.Id}-pickup"], ReturnDeliveryOffers.Shown(draft).Select(o => o.Id));
        Assert.Empty(ReturnDeliveryOffers.For(order.Returns.Details.Single(r => !r.StartedThroughBwp)));
    }

    [Fact]
    public void A_draft_chooses_an_offer_and_submitting_fixes_it()
    {
        var order = Delivered();
        var draft = ShopperReturn(order, submit: false);

        UpdateReturn(order, draft, offers: [$"{draft.Id}-pickup"]);
        Assert.Equal([$"{draft.Id}-pickup"], ReturnDeliveryOffers.Shown(draft).Select(o => o.Id));
        UpdateReturn(order, draft, submit: true);

        Assert.Equal((ReturnStates.Created, $"{draft.Id}-pickup"), (draft.State, draft.ReturnDeliveryOfferId));
        Assert.Single(draft.ReturnPackages);
    }

    [Fact]
    public void Submitting_without_a_choice_takes_the_default()
    {
        var order = Delivered();
        var draft = ShopperReturn(order, submit: false);

        UpdateReturn(order, draft, submit: true);

        Assert.Equal($"{draft.Id}-dropoff", draft.ReturnDeliveryOfferId);
    }

    [Fact]
    public void An_offer_the_return_does_not_have_is_refused_and_one_group_takes_one_offer()
    {
        var order = Delivered();
        var draft = ShopperReturn(order, submit: false);

        Refused.Unchanged(order, ErrorCodes.InvalidReturnDeliveryOfferId, () => UpdateReturn(order, draft, offers: ["ghost"]));
        Refused.Unchanged(order, ErrorCodes.InvalidInput, () => UpdateReturn(order, draft, offers: [$"{draft.Id}-pickup", $"{draft.Id}-dropoff"]));
    }

    [Fact]
    public void Only_an_unexpired_draft_chooses_an_offer_or_is_submitted()
    {
        var order = Delivered();
        var submitted = ShopperReturn(order);
        var expired = ShopperReturn(order, submit: false);
        var afterExpiry = Later + ShopperReturns.DraftExpiresAfter + TimeSpan.FromMinutes(1);

        Refused.Unchanged(order, ErrorCodes.InvalidReturnStateTransition, () => UpdateReturn(order, submitted, offers: [$"{submitted.Id}-pickup"]));
        Refused.Unchanged(order, ErrorCodes.InvalidReturnStateTransition, () => UpdateReturn(order, submitted, submit: true));
        Refused.Unchanged(order, ErrorCodes.InvalidReturnStateTransition, () => UpdateReturn(order, expired, submit: true, at: afterExpiry));
    }

    [Fact]
    public void A_return_has_at_most_two_aliases()
    {
        var order = Delivered();
        var ret = ShopperReturn(order);
        UpdateReturn(order, ret, aliases: [Alias("a"), Alias("b")]);

        Refused.Unchanged(order, ErrorCodes.AliasLimitExceeded, () => UpdateReturn(order, ret, aliases: [Alias("c")]));
    }
}
