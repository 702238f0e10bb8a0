namespace BwpOrders.Domain.Model;

/// <summary>A cancellation of (all of) an order: requested by the merchant, the shopper or BwP, then decided by BwP.</summary>
public sealed class Cancellation
{
    public string Id { get; set; } = "";
    public List<Alias> Aliases { get; set; } = [];
    public string State { get; set; } = CancellationStates.Pending;
    public string? Reason { get; set; }
    public string? AdditionalComments { get; set; }
    public string RequestedBy { get; set; } = CancellationRequesters.Merchant;
    public List<LineItemAmount> CanceledFor { get; set; } = [];
    /// <summary>The refunds BwP requested for it (once it succeeded).</summary>
    public List<string> RefundIds { get; set; } = [];
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";

    public decimal AmountOf(string lineItemId) => CanceledFor.Where(a => a.LineItemId == lineItemId).Sum(a => a.Amount.Value);
}

public static class CancellationStates
{
    public const string Pending = "PENDING";
    public const string Success = "SUCCESS";
    public const string Rejected = "REJECTED";
}

public static class CancellationRequesters
{
    public const string Shopper = "SHOPPER";
    public const string Merchant = "MERCHANT";
    public const string BwpCustomerServiceAgent = "BWP_CUSTOMER_SERVICE_AGENT";
}
