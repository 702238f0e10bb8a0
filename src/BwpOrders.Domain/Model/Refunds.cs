using System.Text.Json.Serialization;

namespace BwpOrders.Domain.Model;

public sealed class Refunds
{
    public List<Refund> Details { get; set; } = [];

    public RefundSummary? Summary
    {
        get
        {
            if (Details.Count == 0) return null;
            var totals = Details.Select(d => d.RefundTotal?.TotalAmount).OfType<Money>().ToList();
            var total = totals.Count > 0 && totals.All(t => t.CurrencyCode == totals[0].CurrencyCode)
                ? new RefundTotal(new Money(totals.Sum(t => t.Amount), totals[0].CurrencyCode))
                : null;
            return new RefundSummary(total, PaymentSummary.From(Details.SelectMany(d => d.PaymentDetails).ToList()));
        }
    }
}

public sealed record RefundSummary(RefundTotal? RefundTotal, PaymentSummary? PaymentSummary);

public sealed record RefundTotal(Money? TotalAmount);

public sealed class Refund
{
    public string Id { get; set; } = "";
    public List<Alias> Aliases { get; set; } = [];
    public string State { get; set; } = RefundStates.Pending;
    /// <summary>BwP asked for this refund (its id comes from BwP); otherwise the merchant recorded it (external).</summary>
    public bool RequestedByBwp { get; set; }
    public string? RefundRequestReason { get; set; }
    public string? RefundStatusReason { get; set; }
    /// <summary>Cumulative amount refunded so far (BwP semantics), not a delta.</summary>
    public RefundTotal? RefundTotal { get; set; }
    public RefundFor? RefundFor { get; set; }
    public List<PaymentDetails> PaymentDetails { get; set; } = [];
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
}

public sealed class RefundFor
{
    public List<RefundedLineItem> OrderLineItems { get; set; } = [];
}

public sealed class RefundedLineItem
{
    public string LineItemId { get; set; } = "";
    public Quantity? RefundedQuantity { get; set; }
    [JsonIgnore] public LineItem? LineItem { get; set; }
}

public static class RefundStates
{
    public const string Pending = "PENDING";
    public const string Partial = "PARTIAL";
    public const string Failure = "FAILURE";
    public const string Success = "SUCCESS";
    public const string Rejected = "REJECTED";

    /// <summary>The documented refund state machine (current → allowed next states).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Transitions = new Dictionary<string, string[]>
    {
        [Pending] = [Pending, Partial, Failure, Success, Rejected],
        [Failure] = [Partial, Failure, Success],
        [Partial] = [Partial, Success],
        [Success] = [Success],
        [Rejected] = [Rejected],
    };
}
