using System.Text.Json.Serialization;

namespace BwpOrders.Domain.Model;

/// <summary>
/// The canonical, version-neutral order aggregate: a superset of every API version's fields.
/// Persisted as one JSON document; each API version maps it to its own output shape.
/// </summary>
public sealed class Order
{
    public string Id { get; set; } = "";
    public List<Alias> Aliases { get; set; } = [];
    public Customer? Customer { get; set; }
    public Recipient? Recipient { get; set; }
    public List<LineItem> LineItems { get; set; } = [];
    public Payments? Payments { get; set; }
    public Taxes? Taxes { get; set; }
    public DiscountAllocations? Discounts { get; set; }
    public OrderTotal? TotalPrice { get; set; }
    public List<OrderLink> OrderLinks { get; set; } = [];
    public ShopperIdentity? ShopperIdentity { get; set; }
    public Refunds Refunds { get; set; } = new();
    public Returns Returns { get; set; } = new();
    public PackageInformation PackageInformation { get; set; } = new();
    public List<Cancellation> Cancellations { get; set; } = [];
    public OrderMetadata Metadata { get; set; } = new();

    /// <summary>
    /// The stored document this instance was read from (<see cref="OrderJson.Snapshot"/>). A field of the instance, not
    /// a weak table beside it: every order read would otherwise cost a GC handle.
    /// </summary>
    [JsonIgnore] internal byte[]? StoredForm { get; set; }

    public Refund? FindRefund(string id) => Refunds.Details.FirstOrDefault(r => r.Id == id);

    public PackageDetails? FindPackage(string idOrAliasId) =>
        PackageInformation.Details.FirstOrDefault(p => p.Id == idOrAliasId)
        ?? PackageInformation.Details.FirstOrDefault(p => p.Aliases.Any(a => a.AliasId == idOrAliasId));

    public LineItem? FindLineItem(string idOrAliasId) =>
        LineItems.FirstOrDefault(l => l.Id == idOrAliasId) ?? LineItems.FirstOrDefault(l => l.IsKnownAs(idOrAliasId));

    /// <summary>
    /// Re-attaches the object references that JSON does not store (each line item's order, and the line items
    /// named by refunds, returns, packages and delivery offers), so readers can navigate without a lookup.
    /// </summary>
    public Order Link()
    {
        foreach (var item in LineItems)
        {
            item.Order = this;
            foreach (var amount in item.DeliveryOffer?.Details?.DeliveryFor ?? [])
                amount.LineItem = FindLineItem(amount.LineItemId);
        }
        foreach (var refund in Refunds.Details)
            foreach (var item in refund.RefundFor?.OrderLineItems ?? [])
                item.LineItem = FindLineItem(item.LineItemId);
        foreach (var ret in Returns.Details)
        {
            foreach (var package in ret.ReturnPackages) package.Return = ret;
            foreach (var amount in ret.CoveredAmounts.Concat(ret.ReturnPackages.SelectMany(p => p.ReturnPackageFor.OrderLineItemAmounts)))
                amount.LineItem = FindLineItem(amount.LineItemId);
        }
        foreach (var amount in PackageInformation.Details.SelectMany(p => p.PackageInformationDetailsFor?.OrderLineItemAmounts ?? [])
                     .Concat(Cancellations.SelectMany(c => c.CanceledFor)))
            amount.LineItem = FindLineItem(amount.LineItemId);
        return this;
    }
}

public sealed class OrderMetadata
{
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public string ExecutionState { get; set; } = ExecutionStates.NotStarted;
}

public static class ExecutionStates
{
    public const string NotStarted = "NOT_STARTED";
    public const string Started = "STARTED";
}

/// <summary>An amount of one order line item, e.g. what a return or package covers.</summary>
public sealed class LineItemAmount
{
    public string LineItemId { get; set; } = "";
    public Quantity Amount { get; set; } = new(1);
    [JsonIgnore] public LineItem? LineItem { get; set; }
}
