namespace BwpOrders.Domain.Model;

/// <summary>The packages BwP ships an order in (2024-11-01 packageInformation, older versions deliveryInformation).</summary>
public sealed class PackageInformation
{
    /// <summary>BwP's packages: created when fulfilment starts, moved only by BwP's side.</summary>
    public List<PackageDetails> Details { get; set; } = [];

    /// <summary>
    /// Packages the merchant named in updateOrder that BwP has no record of (the 2024-11-01 seed syncs a package
    /// "123-456" on an order not yet fulfilled): kept as sent, with no line items, and never moved, cancelled or
    /// summarised by BwP's side. Null until there is one, so orders without any keep their stored form.
    /// </summary>
    public List<PackageDetails>? MerchantRecorded { get; set; }

    /// <summary>What <c>details</c> lists: BwP's packages, then the merchant's.</summary>
    public IEnumerable<PackageDetails> Listed => MerchantRecorded is null ? Details : Details.Concat(MerchantRecorded);

    public PackageSummary? Summary => PackageSummary.Of(Details);

    /// <summary>The packages that carry some of <paramref name="item"/>, as BwP shows them on a line item.</summary>
    public PackageInformation? For(LineItem item)
    {
        var carrying = Details.Where(d => d.Covers(item.Id)).ToList();
        return carrying.Count == 0 ? null : new PackageInformation { Details = carrying };
    }
}

public sealed record PackageSummary(string State)
{
    /// <summary>BwP's aggregate: any PENDING → PENDING; all CANCELLED → CANCELLED; any IN_TRANSIT → IN_TRANSIT; else DELIVERED.</summary>
    public static PackageSummary? Of(IReadOnlyList<PackageDetails> packages)
    {
        if (packages.Count == 0) return null;
        var states = packages.Select(d => d.State).ToList();
        if (states.Contains(PackageStates.Pending)) return new(PackageStates.Pending);
        if (states.All(s => s == PackageStates.Cancelled)) return new(PackageStates.Cancelled);
        if (states.Contains(PackageStates.InTransit)) return new(PackageStates.InTransit);
        return new(PackageStates.Delivered);
    }
}

public static class PackageStates
{
    public const string Pending = "PENDING";
    public const string InTransit = "IN_TRANSIT";
    public const string Delivered = "DELIVERED";
    public const string Cancelled = "CANCELLED";
}

public sealed class PackageDetails
{
    public string Id { get; set; } = "";
    public List<Alias> Aliases { get; set; } = [];
    public string State { get; set; } = PackageStates.Pending;
    public string? Reason { get; set; }
    public PackageFor? PackageInformationDetailsFor { get; set; }
    public ShippingAddress? DeliverFromAddress { get; set; }
    public PackageTracker? PackageTracker { get; set; }
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";

    public bool Covers(string lineItemId) => PackageInformationDetailsFor?.OrderLineItemAmounts.Any(a => a.LineItemId == lineItemId) == true;

    public decimal AmountOf(string lineItemId) =>
        PackageInformationDetailsFor?.OrderLineItemAmounts.Where(a => a.LineItemId == lineItemId).Sum(a => a.Amount.Value) ?? 0;

    public List<LineItemAmount> Amounts => PackageInformationDetailsFor?.OrderLineItemAmounts ?? [];
}

public sealed class PackageFor
{
    public List<LineItemAmount> OrderLineItemAmounts { get; set; } = [];
}

/// <summary>A carrier's tracking of one package: its number, estimated delivery and milestones (oldest first).</summary>
public sealed class PackageTracker
{
    public required PackageTrackerIdentifier PackageTrackerIdentifier { get; set; }
    public DateRange? EstimatedDeliveryDate { get; set; }
    public List<PackageMilestone> Milestones { get; set; } = [];
    public string? TrackingUrl { get; set; }

    public PackageMilestone? LatestMilestone => Milestones.Count == 0 ? null : Milestones[^1];
}

public sealed record PackageTrackerIdentifier(string CarrierCode, string TrackingNumber);

/// <summary>An ISO-8601 date range (BwP's DeliveryDateRange / ISODateRange).</summary>
public sealed record DateRange(string? Earliest, string? Latest);

public sealed record PackageMilestone(MilestoneStatus Status, MilestoneAddress? Address, string OccurredAt);

public sealed record MilestoneStatus(string Code, LocalizedText Message);

public sealed record LocalizedText(string Locale, string Value)
{
    /// <summary>BwP's localized strings as this server writes them: US English.</summary>
    public static LocalizedText English(string text) => new("en-US", text);
}

public sealed record MilestoneAddress(string? Locality, string? Region, string? Country);

/// <summary>BwP's package milestone status codes.</summary>
public static class MilestoneCodes
{
    public const string Pending = "PENDING";
    public const string InfoReceived = "INFO_RECEIVED";
    public const string InTransit = "IN_TRANSIT";
    public const string Delayed = "DELAYED";
    public const string OutForDelivery = "OUT_FOR_DELIVERY";
    public const string AvailableForPickup = "AVAILABLE_FOR_PICKUP";
    public const string DeliveryAttempted = "DELIVERY_ATTEMPTED";
    public const string Delivered = "DELIVERED";
    public const string Exception = "EXCEPTION";
    public const string Lost = "LOST";
    public const string Undeliverable = "UNDELIVERABLE";
    public const string ReturnToSender = "RETURN_TO_SENDER";
    public const string CustomerAction = "CUSTOMER_ACTION";

    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>
    {
        [Pending] = "Shipment pending", [InfoReceived] = "Shipping label created", [InTransit] = "Package in transit",
        [Delayed] = "Package delayed", [OutForDelivery] = "Out for delivery", [AvailableForPickup] = "Available for pickup",
        [DeliveryAttempted] = "Delivery attempted", [Delivered] = "Delivered", [Exception] = "Delivery exception",
        [Lost] = "Package lost", [Undeliverable] = "Undeliverable", [ReturnToSender] = "Returning to sender",
        [CustomerAction] = "Action required by the customer",
    };
}
