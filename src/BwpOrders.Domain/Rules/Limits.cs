namespace BwpOrders.Domain.Rules;

/// <summary>Documented per-order limits.</summary>
public static class Limits
{
    public const int OrderAliases = 5;
    public const int ReturnAliases = 2;
    public const int PackageAliases = 5;
    public const int RefundAliases = 5;
    public const int LineItems = 40;
    public const int OrderLinks = 5;
}
