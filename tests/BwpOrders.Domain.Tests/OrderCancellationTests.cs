namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="OrderCancellation"/>: BwP cancels whole orders, once, and only while nothing has shipped; the merchant's
/// request starts PENDING and BwP decides it later (SUCCESS: PENDING packages cancelled and one refund requested;
/// REJECTED if something shipped meanwhile). Also <see cref="ScheduledActions"/>, which runs that decision.
/// </summary>
public sealed class OrderCancellationTests
{
    private static CancelOrderCommand Cancel(Order order, int aliases = 0) => new()
    {
        Order = Lookup(order),
        Reason = "CUSTOMER_REQUESTED",
        Aliases = [.. Enumerable.Range(1, aliases).Select(i => Alias($"c-{i}"))],
    };

    private static Cancellation Request(Order order, CancelOrderCommand? command = null) =>
        OrderCancellation.Request(ChangeOf(order), command ?? Cancel(order));

    [Fact]
    public void A_request_is_a_pending_merchant_cancellation_of_every_line_and_bwp_decides_it_later()
    {
        var order = Started(AmazonLine(quantity: 2), MerchantLine(quantity: 3));
        var change = ChangeOf(order);

        var cancellation = OrderCancellation.Request(change, Cancel(order));

        Assert.Equal((CancellationStates.Pending, CancellationRequesters.Merchant), (cancellation.State, cancellation.RequestedBy));
        Assert.Equal([2m, 3m], cancellation.CanceledFor.Select(a => a.Amount.Value));
        var decision = Assert.Single(change.Scheduled);
        Assert.Equal((ScheduledKinds.CompleteCancellation, cancellation.Id), (decision.Kind, decision.Subject));
        Assert.Empty(change.Events);
    }

    [Fact]
    public void An_order_is_cancelled_once_unless_bwp_rejected_the_earlier_request()
    {
        var order = Started();
        var first = Request(order);

        Refused.Unchanged(order, ErrorCodes.OrderNotCancellable, () => Request(order));

        MoveTo(order, order.PackageInformation.Details.Single(), PackageStates.InTransit);
        OrderCancellation.Complete(ChangeOf(order), first.Id);
        Assert.Equal(CancellationStates.Rejected, first.State);
        MoveTo(order, order.PackageInformation.Details.Single(), PackageStates.Cancelled);
        Assert.Equal(CancellationStates.Pending, Request(order).State);
    }

    [Theory]
    [InlineData("IN_TRANSIT")]
    [InlineData("DELIVERED")]
    public void An_order_with_a_shipped_package_is_not_cancellable(string shipped)
    {
        var order = Started();
        MoveTo(order, order.PackageInformation.Details.Single(), shipped);

        Refused.Unchanged(order, ErrorCodes.OrderNotCancellable, () => Request(order));
    }

    [Fact]
    public void A_cancellation_has_at_most_five_aliases()
    {
        var order = Order();
        Request(order, Cancel(order, aliases: 5));

        var other = Order();
        Refused.Unchanged(other, ErrorCodes.AliasLimitExceeded, () => Request(other, Cancel(other, aliases: 6)));
    }

    [Fact]
    public void Success_cancels_every_pending_package_and_bwp_requests_one_refund_for_the_order()
    {
        var order = Started(AmazonLine(quantity: 2, price: 10), MerchantLine());
        var cancellation = Request(order);
        var change = ChangeOf(order);

        OrderCancellation.Complete(change, cancellation.Id);

        Assert.Equal(CancellationStates.Success, cancellation.State);
        var package = order.PackageInformation.Details.Single();
        Assert.Equal((PackageStates.Cancelled, PackageReasons.CustomerRequested), (package.State, package.Reason));
        var refund = Assert.Single(order.Refunds.Details);
        Assert.Equal([refund.Id], cancellation.RefundIds);
        Assert.Equal((RefundReasons.CancelledOrder, 20m), (refund.RefundRequestReason, refund.RefundTotal!.TotalAmount!.Amount));
        Assert.Single(change.EventTypes(), t => t == Domain.EventTypes.RefundRequested);
    }

    [Fact]
    public void A_decided_or_unknown_cancellation_is_left_as_it_is()
    {
        var order = Started();
        var cancellation = Request(order);
        OrderCancellation.Complete(ChangeOf(order), cancellation.Id);
        var decided = OrderJson.Serialize(order);

        OrderCancellation.Complete(ChangeOf(order), cancellation.Id);
        OrderCancellation.Complete(ChangeOf(order), "ghost");

        Assert.Equal(decided, OrderJson.Serialize(order));
    }

    [Fact]
    public void The_scheduled_decision_runs_on_the_clock_and_a_cancelled_order_gets_no_new_package()
    {
        var order = Order();
        var request = ChangeOf(order);
        OrderCancellation.Request(request, Cancel(order));

        var decided = ScheduledActions.Run(order, request.Scheduled.Single(), Later.AddMinutes(1), null);
        Update(order, new UpdateOrderCommand { Order = Lookup(order), DesiredExecutionState = ExecutionStates.Started });

        Assert.NotNull(decided);
        Assert.Equal(CancellationStates.Success, order.Cancellations.Single().State);
        Assert.Empty(order.PackageInformation.Details);
    }

    [Fact]
    public void A_scheduled_shipment_leaves_a_package_the_sandbox_moved_meanwhile_where_it_is()
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();
        MoveTo(order, package, PackageStates.Cancelled);

        var ran = ScheduledActions.Run(order, new ScheduledAction(order.Id, Later, ScheduledKinds.ShipPackage, package.Id), Later, null);

        Assert.Null(ran);
        Assert.Equal(PackageStates.Cancelled, package.State);
    }
}
