namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="PackageMerger"/> (the merchant names packages in updateOrder) and <see cref="SandboxPackageMoves"/> (BwP's
/// sandbox moves its own packages, by state or by tracker milestone), both in <c>Rules/PackageMerger.cs</c>.
/// </summary>
public sealed class PackageMergerTests
{
    private static void Merge(Order order, params PackagePatch[] patches) => PackageMerger.Apply(ChangeOf(order), patches);

    private static void Sandbox(Order order, params PackageMoveCommand[] moves) => SandboxPackageMoves.Apply(ChangeOf(order), moves);

    private static PackageMoveCommand Milestone(PackageDetails package, string code, string? trackingNumber = null) => new()
    {
        PackageId = package.Id,
        Tracker = new TrackerMilestonePatch { Code = code, TrackingNumber = trackingNumber ?? package.PackageTracker!.PackageTrackerIdentifier.TrackingNumber },
    };

    [Fact]
    public void Naming_bwps_package_by_id_or_alias_adds_aliases_to_it()
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();

        Merge(order, new PackagePatch { Id = package.Id, Aliases = [Alias("pkg-1")] });
        Merge(order, new PackagePatch { Aliases = [Alias("pkg-1"), Alias("pkg-2")] });

        Assert.Equal([Alias("pkg-1"), Alias("pkg-2")], package.Aliases);
        Assert.Null(order.PackageInformation.MerchantRecorded);
    }

    [Fact]
    public void A_package_bwp_has_no_record_of_is_kept_as_the_merchant_sent_it_and_later_entries_add_to_it()
    {
        var order = Order();

        Merge(order, new PackagePatch { Id = "123-456", Aliases = [Alias("pkg-1")] });
        Merge(order, new PackagePatch { Aliases = [Alias("pkg-1"), Alias("pkg-2")] });

        var recorded = Assert.Single(order.PackageInformation.MerchantRecorded!);
        Assert.Equal(("123-456", 2), (recorded.Id, recorded.Aliases.Count));
        Assert.Empty(order.PackageInformation.Details);
        Refused.Unchanged(order, ErrorCodes.InvalidInput, () => Merge(order, new PackagePatch()));
    }

    [Fact]
    public void The_sandbox_moves_only_packages_bwp_created()
    {
        var order = Started();
        Merge(order, new PackagePatch { Id = "merchant-pkg" });

        Refused.Unchanged(order, ErrorCodes.PackageInformationDetailIdNotFound,
            () => Sandbox(order, new PackageMoveCommand { PackageId = "merchant-pkg", State = PackageStates.InTransit }));
    }

    [Fact]
    public void A_sandbox_move_gives_a_state_or_a_tracker_milestone_but_not_both_nor_neither()
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();
        var both = Milestone(package, MilestoneCodes.InTransit);

        Refused.Unchanged(order, ErrorCodes.ConflictingPackageStateInput,
            () => Sandbox(order, new PackageMoveCommand { PackageId = package.Id, State = PackageStates.InTransit, Tracker = both.Tracker }));
        Refused.Unchanged(order, ErrorCodes.InvalidInput, () => Sandbox(order, new PackageMoveCommand { PackageId = package.Id }));
    }

    [Fact]
    public void A_move_of_some_amounts_splits_them_off_and_moves_only_the_new_package()
    {
        var order = Started(AmazonLine(quantity: 3));
        var package = order.PackageInformation.Details.Single();

        Sandbox(order, new PackageMoveCommand { PackageId = package.Id, State = PackageStates.Cancelled, Reason = PackageReasons.Unfulfillable,
            Amounts = [Amount(order.LineItems[0], 1)] });

        Assert.Equal([PackageStates.Pending, PackageStates.Cancelled], order.PackageInformation.Details.Select(p => p.State));
        Assert.Equal(1, order.Refunds.Details.Single().RefundFor!.OrderLineItems.Single().RefundedQuantity!.Value);
    }

    [Fact]
    public void A_milestone_names_the_packages_tracker()
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();

        Refused.Unchanged(order, ErrorCodes.PackageTrackerNotFound, () => Sandbox(order, Milestone(package, MilestoneCodes.InTransit, "TBA000")));
        Sandbox(order, Milestone(package, MilestoneCodes.OutForDelivery));
        Assert.Equal(MilestoneCodes.OutForDelivery, package.PackageTracker!.LatestMilestone!.Status.Code);
    }

    [Fact]
    public void A_delivered_milestone_delivers_a_pending_package_through_in_transit()
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();
        var change = ChangeOf(order);

        SandboxPackageMoves.Apply(change, [Milestone(package, MilestoneCodes.Delivered)]);

        Assert.Equal(PackageStates.Delivered, package.State);
        Assert.Equal([Domain.EventTypes.PackageInTransit, Domain.EventTypes.PackageDelivered],
            change.EventTypes().Where(t => t != Domain.EventTypes.PackageTrackerMilestoneChanged));
    }

    [Theory]
    [InlineData("DELIVERED")]
    [InlineData("CANCELLED")]
    public void The_tracker_of_a_package_in_a_final_state_takes_no_more_milestones(string final)
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();
        MoveTo(order, package, final);

        Refused.Unchanged(order, ErrorCodes.PackageTrackerNotAvailableForUpdate, () => Sandbox(order, Milestone(package, MilestoneCodes.Delayed)));
    }

    /// <summary>BwP documents that there is a maximum, not its value, so the server's own limit is the one to reach.</summary>
    [Fact]
    public void A_tracker_takes_a_bounded_number_of_milestones()
    {
        var order = Started();
        var package = order.PackageInformation.Details.Single();
        while (package.PackageTracker!.Milestones.Count < Limits.TrackerMilestones) Sandbox(order, Milestone(package, MilestoneCodes.Delayed));

        Refused.Unchanged(order, ErrorCodes.UpdatePackageTrackerLimitExceeded, () => Sandbox(order, Milestone(package, MilestoneCodes.Delayed)));
    }
}
