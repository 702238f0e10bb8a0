namespace BwpOrders.Domain.Rules;

/// <summary>Documented per-order limits.</summary>
public static class Limits
{
    public const int OrderAliases = 5;
    public const int ReturnAliases = 2;
    public const int PackageAliases = 5;
    public const int RefundAliases = 5;
    /// <summary>BwP: 40 line items, of which at most 20 Buy with Prime eligible (Amazon-fulfilled) and 20 others.</summary>
    public const int EligibleLineItems = 20;
    public const int OtherLineItems = 20;
    public const int OrderLinks = 5;
    public const int CancellationAliases = 5;
    /// <summary>Sandbox tracker updates per package (BwP documents a maximum, UpdatePackageTrackerLimitExceeded, not its value).</summary>
    public const int TrackerMilestones = 20;

    /// <summary>Largest money amount accepted; keeps every total and summary far from decimal overflow.</summary>
    public const decimal MaxMoneyAmount = 1_000_000_000_000m;

    /// <summary>Largest quantity of one line item.</summary>
    public const decimal MaxQuantity = 1_000_000m;
}
