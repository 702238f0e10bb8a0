namespace BwpOrders.Domain.Model;

public sealed class Payments
{
    public List<PaymentDetails> Details { get; set; } = [];
    /// <summary>Summary as the merchant sent it; when absent one is derived from the details.</summary>
    public PaymentSummary? ProvidedSummary { get; set; }

    public PaymentSummary? Summary => ProvidedSummary ?? PaymentSummary.From(Details);
}

public sealed record PaymentDetails
{
    public string? Id { get; init; }
    public List<Alias> Aliases { get; init; } = [];
    public required Money Amount { get; init; }
    public PaymentMethod? PaymentMethod { get; init; }
    public string? State { get; init; }
    public Payer? Payer { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
}

public sealed record PaymentMethod(string? DisplayString, string? Type);

public sealed record Payer
{
    public string? Id { get; init; }
    public Address? BillingAddress { get; init; }
    public Contact? Contact { get; init; }
}

public sealed record PaymentSummary(Money Amount, string PaymentMethodDisplayString, string? State)
{
    public static PaymentSummary? From(IReadOnlyList<PaymentDetails> details)
    {
        if (details.Count == 0) return null;
        var currency = details[0].Amount.CurrencyCode;
        if (details.Any(d => d.Amount.CurrencyCode != currency)) return null;
        var methods = details.Select(d => d.PaymentMethod?.DisplayString).Distinct().ToList();
        var states = details.Select(d => d.State).Distinct().ToList();
        return new PaymentSummary(
            new Money(details.Sum(d => d.Amount.Amount), currency),
            methods.Count == 1 ? methods[0] ?? "" : "Multiple payment methods used",
            states.Count == 1 ? states[0] : null);
    }
}
