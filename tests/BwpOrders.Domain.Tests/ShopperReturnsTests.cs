namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="ShopperReturns"/>: a shopper returns delivered Amazon items as a DRAFT or at once; the return package
/// travels CREATED → (DROPPED_OFF →) IN_TRANSIT → DELIVERED or FAILED; items are graded, the return completes, and
/// BwP requests one refund (at drop-off, at delivery, or at completion).
/// </summary>
public sealed class ShopperReturnsTests
{
    /// <summary>Legal moves that bring a new return package to each state.</summary>
    private static readonly Dictionary<string, string[]> PathTo = new()
    {
        ["CREATED"] = [], ["DROPPED_OFF"] = ["DROPPED_OFF"], ["IN_TRANSIT"] = ["IN_TRANSIT"],
        ["DELIVERED"] = ["IN_TRANSIT", "DELIVERED"], ["FAILED"] = ["IN_TRANSIT", "FAILED"],
    };

    private static Change Move(Order order, ReturnDetails ret, string packageState, List<(string, List<GradedUnits>)>? gradings = null)
    {
        var change = ChangeOf(order);
        ShopperReturns.Move(change, new ReturnMoveCommand
        {
            ReturnId = ret.Id, Packages = [(ret.ReturnPackages[0].Id, packageState, null)], Gradings = gradings ?? [],
        }, FieldPath.Of("returns")[0]);
        return change;
    }

    private static List<(string, List<GradedUnits>)> Graded(ReturnDetails ret, params (string Condition, decimal Amount)[] units) =>
        [(ret.ReturnLineItems[0].Id, [.. units.Select(u => new GradedUnits(u.Condition, new Quantity(u.Amount)))])];

    [Theory]
    [MemberData(nameof(StateMachines.ReturnPackageEdges), MemberType = typeof(StateMachines))]
    public void A_return_package_moves_only_along_the_documented_machine(string from, string to, bool legal)
    {
        var order = Delivered(AmazonLine(quantity: 2));
        var ret = ShopperReturn(order);
        foreach (var step in PathTo[from]) Move(order, ret, step);

        Refused.UnlessLegal(legal, ErrorCodes.InvalidReturnPackageStateTransition, () => Move(order, ret, to), to, () => ret.ReturnPackages[0].State);
    }

    [Fact]
    public void A_submitted_return_is_created_with_a_labelled_package_for_what_it_covers()
    {
        var order = Delivered(AmazonLine(quantity: 2));
        var change = ChangeOf(order);

        var ret = ShopperReturns.Start(change, new StartReturnCommand { Order = Lookup(order), Items = [new(order.LineItems[0].Id, 2, "DEFECTIVE", "broken")] });

        Assert.Equal((ReturnStates.Created, true), (ret.State, ret.StartedThroughBwp));
        var package = Assert.Single(ret.ReturnPackages);
        Assert.StartsWith("RMA", package.Rma);
        Assert.Equal(2, package.ReturnPackageFor.OrderLineItemAmounts.Single().Amount.Value);
        Assert.Equal(new ReturnReason("DEFECTIVE", "broken"), ret.ReturnLineItems[0].ReturnReasonTerm);
        Assert.Equal([Domain.EventTypes.ReturnStarted], change.EventTypes());
        Assert.Equal(Timestamps.Format(Later + TimeSpan.FromDays(30)), ret.ExpiresAt);
    }

    [Fact]
    public void A_draft_has_no_package_yet_and_expires_after_a_day()
    {
        var order = Delivered();

        var draft = ShopperReturn(order, submit: false);

        Assert.Equal(ReturnStates.Draft, draft.State);
        Assert.Empty(draft.ReturnPackages);
        Assert.Equal(Timestamps.Format(Later + TimeSpan.FromDays(1)), draft.ExpiresAt);
    }

    [Fact]
    public void Only_delivered_amazon_items_not_returned_yet_are_returnable()
    {
        var merchant = Delivered(AmazonLine(quantity: 2), MerchantLine());
        Refused.Unchanged(merchant, ErrorCodes.ItemNotReturnable, () => ShopperReturns.Start(ChangeOf(merchant),
            new StartReturnCommand { Order = Lookup(merchant), Items = [new(merchant.LineItems[1].Id, 1, null, null)] }));

        var notDelivered = Started();
        Refused.Unchanged(notDelivered, ErrorCodes.ItemNotReturnable, () => ShopperReturn(notDelivered));

        var order = Delivered(AmazonLine(quantity: 2));
        ShopperReturn(order, amount: 2);
        Refused.Unchanged(order, ErrorCodes.ItemNotReturnable, () => ShopperReturn(order));
    }

    [Fact]
    public void A_return_names_at_least_one_known_line_item()
    {
        var order = Delivered();

        Refused.Unchanged(order, ErrorCodes.InvalidInput, () => ShopperReturns.Start(ChangeOf(order), new StartReturnCommand { Order = Lookup(order), Items = [] }));
        Refused.Unchanged(order, ErrorCodes.ItemDoesNotExist, () => ShopperReturns.Start(ChangeOf(order),
            new StartReturnCommand { Order = Lookup(order), Items = [new("ghost", 1, null, null)] }));
    }

    [Fact]
    public void Dropping_off_has_bwp_request_the_refund_once()
    {
        var order = Delivered(AmazonLine(quantity: 2, price: 10));
        var ret = ShopperReturn(order);

        Move(order, ret, ReturnPackageStates.DroppedOff);
        Move(order, ret, ReturnPackageStates.InTransit);
        Move(order, ret, ReturnPackageStates.Delivered, Graded(ret, ("SELLABLE", 1)));

        var refund = Assert.Single(order.Refunds.Details);
        Assert.Equal((RefundReasons.ReturnDroppedOffPickedUp, 10m, refund.Id), (refund.RefundRequestReason, refund.RefundTotal!.TotalAmount!.Amount, ret.RefundId));
        Assert.Equal(ReturnStates.Completed, ret.State);
    }

    [Fact]
    public void Delivered_and_graded_the_return_completes_with_a_refund_for_the_return_received()
    {
        var order = Delivered(AmazonLine(quantity: 2));
        var ret = ShopperReturn(order, amount: 2);
        Move(order, ret, ReturnPackageStates.InTransit);

        var change = Move(order, ret, ReturnPackageStates.Delivered, Graded(ret, ("SELLABLE", 1), ("DAMAGED", 1)));

        Assert.Equal(ReturnStates.Completed, ret.State);
        Assert.Equal(RefundReasons.ReturnReceived, order.Refunds.Details.Single().RefundRequestReason);
        Assert.Equal([Domain.EventTypes.ReturnPackageDelivered, Domain.EventTypes.RefundRequested, Domain.EventTypes.ReturnItemGraded, Domain.EventTypes.ReturnCompleted],
            change.EventTypes().Where(t => t != Domain.EventTypes.PackageTrackerMilestoneChanged));
        Assert.Empty(change.Scheduled);
    }

    [Fact]
    public void Delivered_but_ungraded_bwp_grades_it_sellable_later_and_the_return_completes()
    {
        var order = Delivered(AmazonLine(quantity: 2));
        var ret = ShopperReturn(order, amount: 2);
        Move(order, ret, ReturnPackageStates.InTransit);

        var delivered = Move(order, ret, ReturnPackageStates.Delivered);
        Assert.Equal(ReturnStates.Created, ret.State);
        var grading = Assert.Single(delivered.Scheduled);
        Assert.Equal((ScheduledKinds.GradeReturn, ret.Id, Later + Simulation.Off.ReturnGradedAfter), (grading.Kind, grading.Subject, grading.DueAt));

        ShopperReturns.GradeArrived(ChangeOf(order), ret.Id);

        Assert.Equal(ReturnStates.Completed, ret.State);
        Assert.Equal(new GradedUnits("SELLABLE", new Quantity(2)), ret.ReturnLineItems[0].Grading!.UnitWiseCondition.Single());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.0)]
    [InlineData(0.0)]
    public void Grading_grades_each_returned_unit_once(decimal graded)
    {
        var order = Delivered(AmazonLine(quantity: 2));
        var ret = ShopperReturn(order, amount: 2);

        Refused.With(ErrorCodes.InvalidAmount, () => Move(order, ret, ReturnPackageStates.InTransit, Graded(ret, ("SELLABLE", graded))));
    }

    [Fact]
    public void Grading_names_a_line_item_of_the_return()
    {
        var order = Delivered();
        var ret = ShopperReturn(order);

        Refused.With(ErrorCodes.ItemDoesNotExist, () => Move(order, ret, ReturnPackageStates.InTransit, [("ghost", [new GradedUnits("SELLABLE", new Quantity(1))])]));
    }

    [Fact]
    public void The_sandbox_moves_only_created_returns_started_through_bwp_and_their_own_packages()
    {
        var order = Delivered(AmazonLine(quantity: 2));
        UpdateReturns(order, new ReturnPatch { Aliases = [Alias("external")] });
        var draft = ShopperReturn(order, submit: false);
        void Sandbox(string returnId) => ShopperReturns.Move(ChangeOf(order),
            new ReturnMoveCommand { ReturnId = returnId, Packages = [("ghost", ReturnPackageStates.InTransit, null)] }, FieldPath.Of("returns")[0]);

        Refused.Unchanged(order, ErrorCodes.InvalidReturnId, () => Sandbox("ghost"));
        Refused.Unchanged(order, ErrorCodes.InvalidReturnId, () => Sandbox("external"));
        Refused.Unchanged(order, ErrorCodes.InvalidReturnStateTransition, () => Sandbox(draft.Id));
        var submitted = ShopperReturn(order);
        Refused.Unchanged(order, ErrorCodes.ReturnPackageNotFound, () => Sandbox(submitted.Id));
    }

    [Fact]
    public void Completing_at_once_delivers_the_package_and_completes_the_return()
    {
        var order = Delivered();
        var ret = ShopperReturn(order);
        var change = ChangeOf(order);

        ShopperReturns.Move(change, new ReturnMoveCommand { ReturnId = ret.Id, CompleteAtOnce = true }, FieldPath.Of("returns")[0]);

        Assert.Equal((ReturnStates.Completed, ReturnPackageStates.Delivered), (ret.State, ret.ReturnPackages[0].State));
        Assert.Contains(Domain.EventTypes.ReturnCompleted, change.EventTypes());
    }
}
