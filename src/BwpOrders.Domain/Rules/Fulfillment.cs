using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// BwP's side of a started order: Amazon ships its Amazon-fulfilled line items in packages, each PENDING at first,
/// shipped from a fulfilment centre and tracked by a carrier. Runs after every change, so line items added to a
/// started order get a package too; amounts already packaged or cancelled never get another.
/// </summary>
public static class Fulfillment
{
    /// <summary>Carrier codes are lower case, as BwP's examples write them (<c>ups</c>).</summary>
    public const string CarrierCode = "amzn_us";

    /// <summary>The sandbox's one fulfilment centre, where every package ships from.</summary>
    public static readonly ShippingAddress FulfillmentCenter = new()
    {
        Id = "bwp-sandbox-fc-1",
        Name = "Amazon Fulfillment Center (sandbox)",
        StreetAddress = "2700 Center Dr",
        Locality = "DuPont",
        Region = "WA",
        CountryCode = "US",
        PostalCode = "98327",
        TimezoneId = "America/Los_Angeles",
    };

    public static void EnsurePackages(Change change)
    {
        var order = change.Order;
        if (order.Metadata.ExecutionState != ExecutionStates.Started) return;
        var unpackaged = order.LineItems
            .Where(l => l.IsAmazonFulfilled)
            .Select(l => new LineItemAmount { LineItemId = l.Id, LineItem = l, Amount = l.Amount with { Value = l.Amount.Value - Taken(order, l.Id) } })
            .Where(a => a.Amount.Value > 0)
            .ToList();
        if (unpackaged.Count > 0) AddPackage(change, unpackaged);
    }

    /// <summary>A new PENDING package for <paramref name="amounts"/>, with a tracker; with simulation on, it ships later.</summary>
    public static PackageDetails AddPackage(Change change, List<LineItemAmount> amounts)
    {
        var package = new PackageDetails
        {
            Id = Ids.NewItemId(),
            State = PackageStates.Pending,
            PackageInformationDetailsFor = new PackageFor { OrderLineItemAmounts = amounts },
            DeliverFromAddress = FulfillmentCenter,
            PackageTracker = NewTracker(change),
            CreatedAt = change.Now,
            UpdatedAt = change.Now,
        };
        change.Order.PackageInformation.Details.Add(package);
        change.CreatedTrackers.Add(package.PackageTracker!);
        if (change.Simulation is { MovesPackages: true } simulation) change.Schedule(simulation.InTransitAfter, ScheduledKinds.ShipPackage, package.Id);
        return package;
    }

    /// <summary>How much of a line item is in a package already, or cancelled and never to ship.</summary>
    private static decimal Taken(Order order, string lineItemId) =>
        order.PackageInformation.Details.Sum(p => p.AmountOf(lineItemId))
        + order.Cancellations.Where(c => c.State != CancellationStates.Rejected).Sum(c => c.AmountOf(lineItemId));

    private static PackageTracker NewTracker(Change change)
    {
        var trackingNumber = "TBA" + Ids.NewNumber(100_000_000, 1_000_000_000) + Ids.NewNumber(1000, 10_000);
        return new PackageTracker
        {
            PackageTrackerIdentifier = new PackageTrackerIdentifier(CarrierCode, trackingNumber),
            EstimatedDeliveryDate = new DateRange(Timestamps.Format(change.Time.AddDays(2)), Timestamps.Format(change.Time.AddDays(5))),
            TrackingUrl = $"https://track.amazon.com/tracking/{trackingNumber}",
            Milestones = [Milestones.New(MilestoneCodes.InfoReceived, change)],
        };
    }
}

/// <summary>What the scheduled actions of BwP's side do (see <see cref="ScheduledAction"/>).</summary>
public static class ScheduledKinds
{
    /// <summary>Simulation: the package (subject) goes IN_TRANSIT.</summary>
    public const string ShipPackage = "ship-package";
    /// <summary>Simulation: the package (subject) is DELIVERED.</summary>
    public const string DeliverPackage = "deliver-package";
    /// <summary>BwP completes the merchant's cancellation (subject).</summary>
    public const string CompleteCancellation = "complete-cancellation";
    /// <summary>BwP's fulfilment centre grades what is still ungraded of the delivered shopper return (subject), which then completes.</summary>
    public const string GradeReturn = "grade-return";
}
