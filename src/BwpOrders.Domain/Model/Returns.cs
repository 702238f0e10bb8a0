namespace BwpOrders.Domain.Model;

public sealed class Returns
{
    public List<ReturnDetails> Details { get; set; } = [];
}

/// <summary>
/// A return: either the merchant's own (external, synced through updateOrder) or one a shopper started through
/// BwP, which BwP moves on: its return packages travel back, its items are graded, then it completes.
/// </summary>
public sealed class ReturnDetails
{
    public string Id { get; set; } = "";
    public List<Alias> Aliases { get; set; } = [];
    public string State { get; set; } = ReturnStates.Created;
    /// <summary>Started by a shopper through BwP (only BwP moves it); otherwise an external return of the merchant.</summary>
    public bool StartedThroughBwp { get; set; }
    public List<ReturnLineItem> ReturnLineItems { get; set; } = [];
    /// <summary>The packages the shopper sends the items back in.</summary>
    public List<ReturnPackage> ReturnPackages { get; set; } = [];
    /// <summary>The refund BwP requested for this return, once it did.</summary>
    public string? RefundId { get; set; }
    /// <summary>The return delivery offer chosen while a DRAFT, or fixed at submission (see <see cref="Rules.ReturnDeliveryOffers"/>).</summary>
    public string? ReturnDeliveryOfferId { get; set; }
    public string? ExpiresAt { get; set; }
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";

    /// <summary>All order line item amounts this return covers (the 2024-01-01 <c>returnFor</c> view).</summary>
    public IEnumerable<LineItemAmount> CoveredAmounts => ReturnLineItems.SelectMany(r => r.ReturnFor.OrderLineItemAmounts);
}

public sealed class ReturnLineItem
{
    public string Id { get; set; } = "";
    public ReturnFor ReturnFor { get; set; } = new();
    /// <summary>The shopper's reason (BwP returns).</summary>
    public ReturnReason? ReturnReasonTerm { get; set; }
    /// <summary>How the fulfilment centre graded what came back (BwP returns, once graded).</summary>
    public ReturnGrading? Grading { get; set; }
}

public sealed record ReturnReason(string ReasonCode, string? AdditionalComments);

/// <summary>Graded units by condition (e.g. SELLABLE, DAMAGED).</summary>
public sealed record ReturnGrading(List<GradedUnits> UnitWiseCondition)
{
    public Quantity GradedAmount => new(UnitWiseCondition.Sum(u => u.Amount.Value));
}

public sealed record GradedUnits(string Condition, Quantity Amount);

public sealed class ReturnPackage
{
    public string Id { get; set; } = "";
    public string State { get; set; } = ReturnPackageStates.Created;
    public string? Reason { get; set; }
    /// <summary>Return merchandise authorization printed on the label.</summary>
    public string Rma { get; set; } = "";
    public ReturnFor ReturnPackageFor { get; set; } = new();
    public PackageTracker? PackageTracker { get; set; }
    public string? LabelUrl { get; set; }
    public string CreatedAt { get; set; } = "";
    /// <summary>The return the package belongs to (re-attached after loading).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public ReturnDetails? Return { get; set; }

    /// <summary>How much of each of the return's line items travels in this package.</summary>
    public IEnumerable<(ReturnLineItem Item, decimal Amount)> ReturnLineItemAmounts =>
        (Return?.ReturnLineItems ?? []).Select(item => (item, item.ReturnFor.OrderLineItemAmounts
                .Sum(a => Math.Min(a.Amount.Value, ReturnPackageFor.OrderLineItemAmounts.Where(p => p.LineItemId == a.LineItemId).Sum(p => p.Amount.Value)))))
            .Where(x => x.Item2 > 0);
}

public static class ReturnPackageStates
{
    public const string Created = "CREATED";
    public const string DroppedOff = "DROPPED_OFF";
    public const string InTransit = "IN_TRANSIT";
    public const string Delivered = "DELIVERED";
    public const string Failed = "FAILED";
}

public sealed class ReturnFor
{
    public List<LineItemAmount> OrderLineItemAmounts { get; set; } = [];
}

public static class ReturnStates
{
    /// <summary>A return the shopper is still negotiating (Returns interface); nothing travels yet.</summary>
    public const string Draft = "DRAFT";
    public const string Created = "CREATED";
    public const string Cancelled = "CANCELLED";
    public const string Completed = "COMPLETED";

    /// <summary>States a return may be created in.</summary>
    public static readonly string[] Initial = [Created, Completed];

    public static readonly IReadOnlyDictionary<string, string[]> Transitions = new Dictionary<string, string[]>
    {
        [Created] = [Created, Cancelled, Completed],
        [Cancelled] = [Cancelled],
        [Completed] = [Completed],
    };
}
