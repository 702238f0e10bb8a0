namespace BwpOrders.Domain.Model;

public sealed class Returns
{
    public List<ReturnDetails> Details { get; set; } = [];
}

public sealed class ReturnDetails
{
    public string Id { get; set; } = "";
    public List<Alias> Aliases { get; set; } = [];
    public string State { get; set; } = ReturnStates.Created;
    public List<ReturnLineItem> ReturnLineItems { get; set; } = [];
    /// <summary>The packages a shopper sends a BwP return in (filled by BwP's side).</summary>
    public List<ReturnPackage> ReturnPackages { get; set; } = [];
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";

    /// <summary>All order line item amounts this return covers (the 2024-01-01 <c>returnFor</c> view).</summary>
    public IEnumerable<LineItemAmount> CoveredAmounts => ReturnLineItems.SelectMany(r => r.ReturnFor.OrderLineItemAmounts);
}

public sealed class ReturnLineItem
{
    public string Id { get; set; } = "";
    public ReturnFor ReturnFor { get; set; } = new();
}

public sealed class ReturnPackage
{
    public string Id { get; set; } = "";
    public string State { get; set; } = "CREATED";
    public string? Reason { get; set; }
    public ReturnFor ReturnPackageFor { get; set; } = new();
    public PackageTracker? PackageTracker { get; set; }
}

public sealed class ReturnFor
{
    public List<LineItemAmount> OrderLineItemAmounts { get; set; } = [];
}

public static class ReturnStates
{
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
