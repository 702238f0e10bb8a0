namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="PackageMoves"/>: BwP's package machine (PENDING → IN_TRANSIT → DELIVERED, CANCELLED with a reason from
/// PENDING or IN_TRANSIT), what each move announces and sets off, and splitting a PENDING package.
/// </summary>
public sealed class PackageMovesTests
{
    /// <summary>BwP's package moves with the cancellation reasons each allows, written by hand (not read from <see cref="PackageMoves.Transitions"/>).</summary>
    public static TheoryData<string, string, string?, bool> PackageEdges()
    {
        var legal = new HashSet<(string, string, string?)>
        {
            ("PENDING", "IN_TRANSIT", null),
            ("PENDING", "CANCELLED", "UNFULFILLABLE"),
            ("PENDING", "CANCELLED", "CUSTOMER_REQUESTED"),
            ("IN_TRANSIT", "DELIVERED", null),
            ("IN_TRANSIT", "CANCELLED", "UNDELIVERABLE"),
        };
        string[] states = ["PENDING", "IN_TRANSIT", "DELIVERED", "CANCELLED"];
        string?[] reasons = ["UNFULFILLABLE", "CUSTOMER_REQUESTED", "UNDELIVERABLE"];
        var data = new TheoryData<string, string, string?, bool>();
        foreach (var from in states)
            foreach (var to in states)
                foreach (var reason in to == "CANCELLED" ? reasons : [null])
                    data.Add(from, to, reason, legal.Contains((from, to, reason)));
        return data;
    }

    [Theory]
    [MemberData(nameof(PackageEdges))]
    public void A_package_moves_only_along_the_documented_machine(string from, string to, string? reason, bool legal)
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();
        MoveTo(order, package, from);

        if (legal)
        {
            PackageMoves.Check(package, to, reason, FieldPath.Of("packages")[0]);
            PackageMoves.Apply(ChangeOf(order), package, to, reason);
            Assert.Equal((to, reason), (package.State, package.Reason));
        }
        else
            Refused.Unchanged(order, ErrorCodes.InvalidPackageDeliveryDetailStateTransition, () => PackageMoves.Check(package, to, reason, FieldPath.Of("packages")[0]));
    }

    [Fact]
    public void Cancelling_needs_a_reason()
    {
        var order = Started();

        Refused.Unchanged(order, ErrorCodes.MissingCancellationReason,
            () => PackageMoves.Check(order.PackageInformation.Details.Single(), PackageStates.Cancelled, null, FieldPath.Of("packages")[0]));
    }

    [Fact]
    public void Shipping_and_delivering_announce_the_move_and_add_a_tracker_milestone()
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();

        var shipped = ChangeOf(order);
        PackageMoves.Apply(shipped, package, PackageStates.InTransit, null);
        var delivered = ChangeOf(order);
        PackageMoves.Apply(delivered, package, PackageStates.Delivered, null);

        Assert.Equal([Domain.EventTypes.PackageInTransit, Domain.EventTypes.PackageTrackerMilestoneChanged], shipped.EventTypes());
        Assert.Equal([Domain.EventTypes.PackageDelivered, Domain.EventTypes.PackageTrackerMilestoneChanged], delivered.EventTypes());
        Assert.Equal([MilestoneCodes.InfoReceived, MilestoneCodes.InTransit, MilestoneCodes.Delivered],
            package.PackageTracker!.Milestones.Select(m => m.Status.Code));
        Assert.Equal($"order/{order.Id}/delivery/{package.Id}", shipped.Events[0].Resource);
    }

    [Theory]
    [InlineData("PENDING", "UNFULFILLABLE", "CANCELLED_ORDER")]
    [InlineData("IN_TRANSIT", "UNDELIVERABLE", "NOT_DELIVERED")]
    public void A_cancelled_package_has_bwp_request_a_refund_for_what_it_held(string from, string reason, string refundReason)
    {
        var order = Started(AmazonLine(quantity: 2, price: 10));
        var package = order.PackageInformation.Details.Single();
        MoveTo(order, package, from);
        var change = ChangeOf(order);

        PackageMoves.Apply(change, package, PackageStates.Cancelled, reason);

        var refund = order.Refunds.Details.Single();
        Assert.Equal((true, refundReason, 20m), (refund.RequestedByBwp, refund.RefundRequestReason, refund.RefundTotal!.TotalAmount!.Amount));
        Assert.Contains(Domain.EventTypes.PackageCancelled, change.EventTypes());
        Assert.Contains(Domain.EventTypes.RefundRequested, change.EventTypes());
    }

    [Fact]
    public void A_split_moves_the_amounts_given_to_a_new_pending_package_with_its_own_tracker()
    {
        var order = Started(AmazonLine(quantity: 3));
        var package = order.PackageInformation.Details.Single();
        var line = order.LineItems[0].Id;

        var split = PackageMoves.Split(ChangeOf(order), package, [new LineItemAmount { LineItemId = line, Amount = new Quantity(1) }], FieldPath.Of("packages")[0]);

        Assert.NotSame(package, split);
        Assert.Equal((2m, 1m), (package.AmountOf(line), split.AmountOf(line)));
        Assert.Equal(PackageStates.Pending, split.State);
        Assert.NotEqual(package.PackageTracker!.PackageTrackerIdentifier, split.PackageTracker!.PackageTrackerIdentifier);
    }

    [Fact]
    public void A_split_of_everything_the_package_holds_is_the_package_itself()
    {
        var order = Started(AmazonLine(quantity: 3));
        var package = order.PackageInformation.Details.Single();

        var same = PackageMoves.Split(ChangeOf(order), package, [new LineItemAmount { LineItemId = order.LineItems[0].Id, Amount = new Quantity(3) }], FieldPath.Of("packages")[0]);

        Assert.Same(package, same);
        Assert.Single(order.PackageInformation.Details);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_split_takes_more_than_nothing_and_at_most_what_the_package_holds(decimal amount)
    {
        var order = Started(AmazonLine(quantity: 3));
        var package = order.PackageInformation.Details.Single();

        Refused.Unchanged(order, ErrorCodes.InvalidInput, () => PackageMoves.Split(ChangeOf(order), package,
            [new LineItemAmount { LineItemId = order.LineItems[0].Id, Amount = new Quantity(amount) }], FieldPath.Of("packages")[0]));
    }

    [Fact]
    public void Only_a_pending_package_splits()
    {
        var order = Started(AmazonLine(quantity: 3));
        var package = order.PackageInformation.Details.Single();
        MoveTo(order, package, PackageStates.InTransit);

        Refused.Unchanged(order, ErrorCodes.InvalidPackageDeliveryDetailStateTransition, () => PackageMoves.Split(ChangeOf(order), package,
            [new LineItemAmount { LineItemId = order.LineItems[0].Id, Amount = new Quantity(1) }], FieldPath.Of("packages")[0]));
    }
}
