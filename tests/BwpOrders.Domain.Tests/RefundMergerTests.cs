namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="RefundMerger"/>: <c>refunds.details</c> entries update the refund their id (BwP id or alias id) or alias
/// names, or record a new external refund; states follow BwP's documented refund machine.
/// </summary>
public sealed class RefundMergerTests
{
    [Theory]
    [MemberData(nameof(StateMachines.RefundEdges), MemberType = typeof(StateMachines))]
    public void A_refund_moves_only_along_the_documented_machine(string from, string to, bool legal)
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1", state: from));
        var move = new RefundPatch { Id = "r1", State = to };

        Refused.UnlessLegal(legal, ErrorCodes.InvalidRefundStateTransition, () => UpdateRefunds(order, move), to, () => order.Refunds.Details.Single().State);
    }

    [Fact]
    public void An_entry_naming_no_refund_records_a_new_pending_external_refund()
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1", total: 7));

        var refund = order.Refunds.Details.Single();
        Assert.Equal(RefundStates.Pending, refund.State);
        Assert.False(refund.RequestedByBwp);
        Assert.Equal(Usd(7), refund.RefundTotal!.TotalAmount);
        Assert.Equal([Alias("r1", "EXTERNAL_REFUND_ID")], refund.Aliases);
    }

    [Fact]
    public void A_refund_is_found_by_its_id_by_an_alias_id_or_by_an_alias()
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1"));
        var id = order.Refunds.Details.Single().Id;

        UpdateRefunds(order, new RefundPatch { Id = id, RefundStatusReason = "by id" });
        UpdateRefunds(order, new RefundPatch { Id = "r1", TotalAmount = Usd(8) });
        UpdateRefunds(order, new RefundPatch { Aliases = [Alias("r1", "EXTERNAL_REFUND_ID")], State = RefundStates.Success });

        var refund = Assert.Single(order.Refunds.Details);
        Assert.Equal(("by id", 8m, RefundStates.Success), (refund.RefundStatusReason, refund.RefundTotal!.TotalAmount!.Amount, refund.State));
    }

    [Fact]
    public void An_alias_of_a_type_the_refund_has_replaces_it_and_payment_details_are_appended()
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1"));
        UpdateRefunds(order, new RefundPatch { Id = "r1", Aliases = [Alias("r2", "EXTERNAL_REFUND_ID"), Alias("p1", "PSP_ID")], PaymentDetails = [new PaymentDetails { Id = "a", Amount = Usd(1) }] });
        UpdateRefunds(order, new RefundPatch { Id = "r2", PaymentDetails = [new PaymentDetails { Id = "b", Amount = Usd(1) }] });

        var refund = order.Refunds.Details.Single();
        Assert.Equal([Alias("r2", "EXTERNAL_REFUND_ID"), Alias("p1", "PSP_ID")], refund.Aliases);
        Assert.Equal(["a", "b"], refund.PaymentDetails.Select(p => p.Id));
    }

    [Fact]
    public void Reaching_success_announces_refund_completed_once()
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1"));

        Assert.Contains(EventTypesOf(UpdateRefunds(order, new RefundPatch { Id = "r1", State = RefundStates.Success })), t => t == Domain.EventTypes.RefundCompleted);
        Assert.DoesNotContain(EventTypesOf(UpdateRefunds(order, new RefundPatch { Id = "r1", State = RefundStates.Success, RefundStatusReason = "again" })),
            t => t == Domain.EventTypes.RefundCompleted);
        Assert.Contains(EventTypesOf(UpdateRefunds(order, NewRefund("r2", state: RefundStates.Success))), t => t == Domain.EventTypes.RefundCompleted);
    }

    [Fact]
    public void Bwps_own_refund_keeps_its_request_reason()
    {
        var order = Started();
        MoveTo(order, order.PackageInformation.Details.Single(), PackageStates.Cancelled); // BwP asks for a CANCELLED_ORDER refund
        var refund = order.Refunds.Details.Single();

        Refused.With(ErrorCodes.InvalidRefundRequestReasonUpdate,
            () => UpdateRefunds(order, new RefundPatch { Id = refund.Id, RefundRequestReason = "BILLING_ERROR" }));
        UpdateRefunds(order, new RefundPatch { Id = refund.Id, RefundRequestReason = RefundReasons.CancelledOrder, TotalAmount = Usd(20) });
        Assert.Equal((RefundReasons.CancelledOrder, 20m), (refund.RefundRequestReason, refund.RefundTotal!.TotalAmount!.Amount));
    }

    [Fact]
    public void An_external_refund_may_change_its_request_reason()
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1", reason: "CANCELLED_ORDER"));

        UpdateRefunds(order, new RefundPatch { Id = "r1", RefundRequestReason = "BILLING_ERROR" });

        Assert.Equal("BILLING_ERROR", order.Refunds.Details.Single().RefundRequestReason);
    }

    [Fact]
    public void A_refund_is_named_by_an_id_it_has_or_by_an_alias_and_only_once_per_request()
    {
        var order = Order();
        UpdateRefunds(order, NewRefund("r1"));

        Refused.With(ErrorCodes.InvalidRefundId, () => UpdateRefunds(order, new RefundPatch { Id = "ghost", TotalAmount = Usd(1) }));
        Refused.With(ErrorCodes.MissingRefundId, () => UpdateRefunds(order, new RefundPatch { TotalAmount = Usd(1) }));
        Refused.With(ErrorCodes.DuplicateRefundId, () => UpdateRefunds(order, new RefundPatch { Id = "r1" }, new RefundPatch { Id = "r1" }));
    }

    [Fact]
    public void An_alias_id_appears_once_in_a_requests_refunds_whatever_its_type()
    {
        var order = Order();

        Refused.Unchanged(order, ErrorCodes.DuplicateAliasId,
            () => UpdateRefunds(order, NewRefund("dup"), new RefundPatch { Aliases = [Alias("dup", "PSP_ID")], TotalAmount = Usd(1) }));
    }

    [Fact]
    public void A_new_refund_needs_a_total_and_a_known_state()
    {
        var order = Order();

        Refused.With(ErrorCodes.InvalidInput, () => UpdateRefunds(order, new RefundPatch { Aliases = [Alias("r1")] }));
        Refused.With(ErrorCodes.InvalidInput, () => UpdateRefunds(order, NewRefund("r2", state: "DONE")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_refunded_quantity_is_above_zero_and_at_most_what_was_ordered(decimal quantity)
    {
        var order = Order();
        var refundFor = new RefundedLineItemPatch(order.LineItems[0].Id, new Quantity(quantity));

        Refused.With(ErrorCodes.InvalidAmount, () => UpdateRefunds(order, NewRefund("r1", refundFor: refundFor)));
    }

    [Fact]
    public void A_refund_names_line_items_the_order_has()
    {
        var order = Order();

        Refused.With(ErrorCodes.ItemDoesNotExist, () => UpdateRefunds(order, NewRefund("r1", refundFor: new RefundedLineItemPatch("ghost", null))));
    }

    private static IEnumerable<string> EventTypesOf(Change? change) => Assert.IsType<Change>(change).EventTypes();
}
