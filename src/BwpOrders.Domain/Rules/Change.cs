using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// The state of one command being applied: its time, the events it has produced and the follow-ups it has
/// scheduled, all stored with the order in one transaction.
/// </summary>
public sealed class Change(Order order, DateTimeOffset time, Simulation? simulation = null)
{
    public Order Order { get; } = order;
    public DateTimeOffset Time { get; } = time;
    public string Now { get; } = Timestamps.Format(time);
    /// <summary>How BwP's side moves on its own: how soon it decides cancellations, whether packages move without sandbox mutations.</summary>
    public Simulation Simulation { get; } = simulation ?? Simulation.Off;
    /// <summary>What made the change (createOrder, updateOrder, a sandbox mutation, the clock...), for the change log.</summary>
    public string Operation { get; set; } = "";
    public List<DomainEvent> Events { get; } = [];
    public List<ScheduledAction> Scheduled { get; } = [];
    // What the change created that the store indexes beside the document, listed as it is created so the store is told
    // rather than left to find it (the new rows of the tracker, return and catalog indexes).
    /// <summary>Trackers of the packages and return packages this change created (looked up by carrier and tracking number).</summary>
    public List<PackageTracker> CreatedTrackers { get; } = [];
    /// <summary>Returns this change created (looked up by return id).</summary>
    public List<ReturnDetails> CreatedReturns { get; } = [];
    /// <summary>Line items this change created (their SKUs make the target's catalog).</summary>
    public List<LineItem> CreatedLineItems { get; } = [];
    /// <summary>What the order takes from the target's catalog inventory, taken in the same transaction.</summary>
    public List<Checkout.InventoryTake> InventoryTaken { get; } = [];

    /// <summary>Records a BwP event about the order, or about one of its parts (<c>/refund/{id}</c>).</summary>
    public void Record(string type, string? subResource = null) =>
        Events.Add(new DomainEvent(type, Order.Id, $"order/{Order.Id}{subResource}", Now));

    /// <summary>Records a BwP event whose resource is not below the order (a package tracker).</summary>
    public void RecordResource(string type, string resource) => Events.Add(new DomainEvent(type, Order.Id, resource, Now));

    public void Schedule(TimeSpan after, string kind, string subject) =>
        Scheduled.Add(new ScheduledAction(Order.Id, Time + after, kind, subject));

    /// <summary>
    /// Stamps <c>updatedAt</c> and returns the change, or null when the order is exactly as
    /// <paramref name="documentBefore"/> (its <see cref="OrderJson.Snapshot"/> before the change; none: it surely changed).
    /// Must be the change's last step (every change ends with it): it links the order's references, and the
    /// comparison's serialization becomes the stored <see cref="Document"/>.
    /// </summary>
    public Change? Finish(byte[]? documentBefore = null)
    {
        Order.Link();
        if (documentBefore is not null && Events.Count == 0 && Scheduled.Count == 0)
        {
            var document = OrderJson.SerializeToUtf8(Order);
            if (document.AsSpan().SequenceEqual(documentBefore)) return null;
            var metadata = OrderJson.SerializeToUtf8(Order.Metadata);
            Order.Metadata.UpdatedAt = Now;
            _document = OrderJson.WithMetadata(document, metadata, Order.Metadata);
            return this;
        }
        Order.Metadata.UpdatedAt = Now;
        return this;
    }

    /// <summary>
    /// The order's document as this change stores it, the one fact storage writes: the serialization
    /// <see cref="Finish"/> made while comparing, else the order serialized once, when first asked.
    /// </summary>
    public string Document => _document ??= OrderJson.Serialize(Order);

    private string? _document;

    /// <summary>Resolves a line item reference (id or alias id) of an input, or says where it failed.</summary>
    public LineItem LineItem(string reference, FieldPath path) =>
        Order.FindLineItem(reference)
        ?? throw BwpException.Validation(ErrorCodes.ItemDoesNotExist, path,
            $"order {Order.Id} has no line item with id or alias id '{reference}'.");
}

/// <summary>
/// How long BwP takes, on the target's simulated clock: to decide a cancellation, to grade a delivered return, and
/// (only with <c>serve --simulate-fulfillment</c>, <see cref="MovesPackages"/>) to ship a package and to deliver it.
/// </summary>
public sealed record Simulation(bool MovesPackages, TimeSpan InTransitAfter, TimeSpan DeliveredAfter, TimeSpan CancellationDecidedAfter,
    TimeSpan ReturnGradedAfter)
{
    /// <summary>Packages move only by sandbox mutations; cancellations are decided at once; delivered returns are graded a day later.</summary>
    public static readonly Simulation Off = new(false, TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.Zero, TimeSpan.FromDays(1));
}
