namespace BwpOrders.Domain.Tests;

/// <summary>
/// <see cref="Fulfillment"/> and <see cref="Milestones"/>: once an order has started, every amount of an
/// Amazon-fulfilled line not yet packaged or cancelled gets a PENDING package with a tracker; milestones are dated,
/// placed and announced.
/// </summary>
public sealed class FulfillmentTests
{
    [Fact]
    public void A_line_added_to_a_started_order_gets_its_own_package_and_packaged_amounts_get_no_other()
    {
        var order = Started(AmazonLine(quantity: 1));

        Update(order, new UpdateOrderCommand { Order = Lookup(order), LineItems = [AmazonLine(quantity: 2, alias: "late"), MerchantLine()] });
        Update(order, new UpdateOrderCommand { Order = Lookup(order), Customer = new Customer { Id = "c" } });

        Assert.Equal([(order.LineItems[0].Id, 1m), (order.LineItems[1].Id, 2m)],
            order.PackageInformation.Details.SelectMany(p => p.Amounts).Select(a => (a.LineItemId, a.Amount.Value)));
        Assert.Equal(2, order.PackageInformation.Details.Count);
    }

    [Fact]
    public void A_new_package_is_pending_ships_from_the_fulfilment_centre_and_has_a_tracker_with_its_first_milestone()
    {
        var package = Started().PackageInformation.Details.Single();

        Assert.Equal(PackageStates.Pending, package.State);
        Assert.Equal(Fulfillment.FulfillmentCenter, package.DeliverFromAddress);
        var tracker = package.PackageTracker!;
        Assert.Equal(Fulfillment.CarrierCode, tracker.PackageTrackerIdentifier.CarrierCode);
        Assert.Equal(MilestoneCodes.InfoReceived, tracker.Milestones.Single().Status.Code);
    }

    [Fact]
    public void With_the_simulation_on_a_new_package_ships_later_and_a_shipped_one_is_delivered_later()
    {
        var order = Order();
        var simulation = Simulation.Off with { MovesPackages = true };

        var started = OrderUpdater.Apply(order, new UpdateOrderCommand { Order = Lookup(order), DesiredExecutionState = ExecutionStates.Started }, Later, simulation)!;

        var ship = Assert.Single(started.Scheduled);
        Assert.Equal((ScheduledKinds.ShipPackage, Later + simulation.InTransitAfter), (ship.Kind, ship.DueAt));
        var shipped = ScheduledActions.Run(order, ship, ship.DueAt, null)!;
        Assert.Equal(PackageStates.InTransit, order.PackageInformation.Details.Single().State);
        Assert.Equal((ScheduledKinds.DeliverPackage, ship.DueAt + simulation.DeliveredAfter), (shipped.Scheduled.Single().Kind, shipped.Scheduled.Single().DueAt));
    }

    [Fact]
    public void A_milestone_is_placed_where_it_happened_and_announced_for_the_tracker()
    {
        var order = Started();
        var tracker = order.PackageInformation.Details.Single().PackageTracker!;
        var change = ChangeOf(order);
        var home = new Address { Locality = "Seattle", Region = "WA", CountryCode = "US" };

        Milestones.Append(change, tracker, MilestoneCodes.Delivered, home);

        var milestone = tracker.LatestMilestone!;
        Assert.Equal((new MilestoneAddress("Seattle", "WA", "US"), change.Now, "en-US"), (milestone.Address, milestone.OccurredAt, milestone.Status.Message.Locale));
        var id = tracker.PackageTrackerIdentifier;
        Assert.Equal((Domain.EventTypes.PackageTrackerMilestoneChanged, $"carrier/{id.CarrierCode}/tracker/{id.TrackingNumber}"),
            (change.Events.Single().Type, change.Events.Single().Resource));
    }
}
