using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain;

/// <summary>
/// The order use cases, the merchant's and BwP's side alike. Each change is applied to the order read under its
/// write lock (see <see cref="IOrderStore.UpdateAsync"/>) at the time of the target's simulated clock, so
/// concurrent writers (threads or server processes) queue and never lose a change.
/// </summary>
public sealed class OrderService(IOrderStore store, IClockStore clocks, SimulatedClock clock, DueSignal due, Simulation? simulation = null, EventSignal? events = null,
    Checkout.CheckoutLookups? checkout = null)
{
    public async Task<Order> CreateAsync(string targetId, CreateOrderCommand command, CancellationToken ct = default)
    {
        var now = await clock.NowAsync(targetId, ct);
        IReadOnlyList<Checkout.InventoryTake> takes = checkout is null ? []
            : await Checkout.PrimeLineChecks.CheckAsync(command, id => checkout.Previews.FindAsync(targetId, id, ct), p => checkout.Catalog.FindAsync(targetId, p, ct), now);
        var change = OrderFactory.Create(command, now, simulation);
        Checkout.InventoryTake.Apply(change, takes, checkout?.OrdersAnnounceInventory == true);
        change.Operation = UseCases.CreateOrder;
        await store.InsertAsync(targetId, change, ct);
        Notify(change);
        return change.Order;
    }

    public async Task<Order> GetAsync(string targetId, OrderLookup lookup, CancellationToken ct = default) =>
        (await store.FindAsync(targetId, lookup, ct) ?? throw NotFound(lookup)).Order;

    public Task<Order> UpdateAsync(string targetId, UpdateOrderCommand command, CancellationToken ct = default) =>
        ChangeAsync(targetId, command.Order, UseCases.UpdateOrder, (order, now) => OrderUpdater.Apply(order, command, now, simulation), ct);

    public async Task<Cancellation> CancelAsync(string targetId, CancelOrderCommand command, CancellationToken ct = default)
    {
        Cancellation? cancellation = null;
        await ChangeAsync(targetId, command.Order, UseCases.CancelOrder, (order, now) =>
        {
            var change = new Change(order, now, simulation);
            cancellation = OrderCancellation.Request(change, command);
            return change.Finish();
        }, ct);
        return cancellation!;
    }

    /// <summary>The sandbox's package moves, applied at once.</summary>
    public Task<Order> MovePackagesAsync(string targetId, OrderLookup lookup, IReadOnlyList<PackageMoveCommand> moves, CancellationToken ct = default) =>
        ChangeAsync(targetId, lookup, UseCases.MovePackages, (order, now) =>
        {
            var change = new Change(order, now, simulation);
            SandboxPackageMoves.Apply(change, moves);
            return change.Finish();
        }, ct);

    /// <summary>A shopper starts a return through BwP (the online returns center, or createReturn).</summary>
    public async Task<ReturnDetails> StartReturnAsync(string targetId, StartReturnCommand command, CancellationToken ct = default)
    {
        // The catalog's policy is read before the order's write: a product's return policy is what it is when the shopper asks.
        var stored = checkout is null ? null : await store.FindAsync(targetId, command.Order, ct);
        var notReturnable = stored is null ? new HashSet<string>()
            : await Catalog.ReturnPolicy.NotReturnableAsync(stored.Order, command, p => checkout!.Catalog.FindAsync(targetId, p, ct));
        ReturnDetails? started = null;
        await ChangeAsync(targetId, command.Order, UseCases.StartReturn, (order, now) =>
        {
            var change = new Change(order, now, simulation);
            started = ShopperReturns.Start(change, command, notReturnable);
            return change.Finish();
        }, ct);
        return started!;
    }

    /// <summary>updateReturn on a return started through BwP, found by its id.</summary>
    public async Task<ReturnDetails> UpdateReturnAsync(string targetId, UpdateReturnCommand command, CancellationToken ct = default)
    {
        var orderId = await store.FindOrderByReturnAsync(targetId, command.ReturnId, ct) ?? throw ReturnNotFound(command.ReturnId);
        ReturnDetails? updated = null;
        await ChangeAsync(targetId, new OrderLookup(OrderId: orderId), UseCases.UpdateReturn, (order, now) =>
        {
            var change = new Change(order, now, simulation);
            updated = order.Returns.Details.FirstOrDefault(r => r.Id == command.ReturnId && r.StartedThroughBwp) ?? throw ReturnNotFound(command.ReturnId);
            var before = OrderJson.Snapshot(order);
            ShopperReturns.Update(change, updated, command);
            return change.Finish(before);
        }, ct);
        return updated!;
    }

    private static BwpException ReturnNotFound(string returnId) => BwpException.NotFound($"No return found with id '{returnId}'.");

    /// <summary>The sandbox's return moves (return packages, gradings), applied at once.</summary>
    public Task<Order> MoveReturnsAsync(string targetId, OrderLookup lookup, IReadOnlyList<ReturnMoveCommand> moves, CancellationToken ct = default) =>
        ChangeAsync(targetId, lookup, UseCases.MoveReturns, (order, now) =>
        {
            var change = new Change(order, now, simulation);
            for (var i = 0; i < moves.Count; i++) ShopperReturns.Move(change, moves[i], FieldPath.Of("returns")[i]);
            return change.Finish();
        }, ct);

    /// <summary>A return of the target by its id, with the order it belongs to.</summary>
    public async Task<(Order Order, ReturnDetails Return)?> FindReturnAsync(string targetId, string returnId, CancellationToken ct = default)
    {
        var orderId = await store.FindOrderByReturnAsync(targetId, returnId, ct);
        var order = orderId is null ? null : (await store.FindAsync(targetId, new OrderLookup(OrderId: orderId), ct))?.Order;
        var found = order?.Returns.Details.FirstOrDefault(r => r.Id == returnId);
        return found is null ? null : (order!, found);
    }

    /// <summary>A carrier's tracker of one of the target's outbound or return packages.</summary>
    public async Task<PackageTracker?> FindTrackerAsync(string targetId, string carrierCode, string trackingNumber, CancellationToken ct = default)
    {
        var orderId = await store.FindOrderByTrackerAsync(targetId, carrierCode, trackingNumber, ct);
        var order = orderId is null ? null : (await store.FindAsync(targetId, new OrderLookup(OrderId: orderId), ct))?.Order;
        return order?.PackageInformation.Details.Select(p => p.PackageTracker)
            .Concat(order.Returns.Details.SelectMany(r => r.ReturnPackages).Select(p => p.PackageTracker))
            .FirstOrDefault(t => t?.PackageTrackerIdentifier == new PackageTrackerIdentifier(carrierCode, trackingNumber));
    }

    /// <summary>
    /// Return eligibility (BwP's reversal offers) for items of the target's catalog: a catalog product (by SKU, or
    /// by its Amazon SKU for a marketplace SKU) by its return policy, if BwP sells it with Prime; else the SKUs the
    /// target has sold. Items Amazon fulfilled can be returned within 30 days; others cannot; an unknown SKU is
    /// ItemDoesNotExist. Any other marketplace SKU is an Amazon listing outside the merchant's catalog: not returnable
    /// through BwP if it is a well-formed ASIN, else ItemDoesNotExist (as BwP's two reversal-offer examples show).
    /// </summary>
    public async Task<ReversalOfferSet> ReversalOffersAsync(string targetId, IReadOnlyList<ReversalItemId> items, CancellationToken ct = default)
    {
        var offers = new List<ReversalItemOffer>();
        for (var i = 0; i < items.Count; i++)
        {
            var product = checkout is null ? null : await checkout.Catalog.FindAsync(targetId, items[i] is SkuReversalItemId
                ? new(Catalog.ProductLookupKind.Sku, items[i].Value) : new(Catalog.ProductLookupKind.AmazonSku, items[i].Value), ct);
            var returnable = items[i] switch
            {
                _ when product is not null => product.ReturnableThroughBwp,
                SkuReversalItemId sku => await store.FindCatalogItemAsync(targetId, sku.Value, ct),
                MskuReversalItemId msku when ReversalItemOffer.IsAsin(msku.Value) => false,
                _ => null,
            };
            if (returnable is null)
                throw BwpException.Validation(ErrorCodes.ItemDoesNotExist, FieldPath.Of("items")[i].Field("id"),
                    $"item '{items[i].Value}' doesn't exist in your Buy with Prime catalog (a catalog product's SKU or Amazon SKU, the SKUs of the target's orders, or a 10-character ASIN).");
            offers.Add(new ReversalItemOffer(items[i], returnable.Value));
        }
        var now = await clock.NowAsync(targetId, ct);
        return new ReversalOfferSet(Ids.NewGuid(), Timestamps.Format(now.AddHours(1)), offers);
    }

    /// <summary>Runs every scheduled action that is due on its target's clock (one target's, or all), oldest first.</summary>
    public async Task<int> RunDueAsync(string? targetId = null, CancellationToken ct = default)
    {
        var ran = 0;
        while (true)
        {
            var pending = await clocks.DueAsync(clock.RealNow, targetId, 100, ct);
            if (pending.Count == 0) return ran;
            foreach (var action in pending)
            {
                Change? made = null;
                if (await store.RunScheduledAsync(action, order =>
                    {
                        made = ScheduledActions.Run(order, action.Action, action.Action.DueAt, simulation);
                        if (made is not null) made.Operation = UseCases.Scheduled(action.Action.Kind);
                        return made;
                    }, ct))
                {
                    ran++;
                    if (made is not null) Notify(made);
                }
            }
        }
    }

    private async Task<Order> ChangeAsync(string targetId, OrderLookup lookup, string useCase, Func<Order, DateTimeOffset, Change?> apply, CancellationToken ct)
    {
        var now = await clock.NowAsync(targetId, ct);
        Change? made = null;
        var order = await store.UpdateAsync(targetId, lookup, order =>
        {
            made = apply(order, now);
            if (made is not null) made.Operation = useCase;
            return made;
        }, ct) ?? throw NotFound(lookup);
        if (made is not null) Notify(made);
        return order;
    }

    private void Notify(Change change)
    {
        if (change.Scheduled.Count > 0) due.Notify();
        if (change.Events.Count > 0) events?.Notify();
    }

    private static BwpException NotFound(OrderLookup lookup)
    {
        var what = lookup switch
        {
            { OrderId: { } id } => $"id '{id}'",
            { Alias: { } alias } => $"alias {OrderInvariants.Describe(alias)}",
            { IdOrAliasId: { } value } => $"id or alias id '{value}'",
            _ => "no identifier",
        };
        return BwpException.NotFound($"No order found with {what}.");
    }
}

/// <summary>
/// The use cases as an order's history names them (<see cref="OrderChangeEntry.Operation"/>): the merchant's, the
/// sandbox's moves of BwP's side, and BwP's own scheduled steps.
/// </summary>
public static class UseCases
{
    public const string CreateOrder = "createOrder";
    public const string UpdateOrder = "updateOrder";
    public const string CancelOrder = "cancelOrder";
    public const string StartReturn = "startReturn";
    public const string UpdateReturn = "updateReturn";
    public const string MovePackages = "sandbox: move packages";
    public const string MoveReturns = "sandbox: move returns";

    public static string Scheduled(string kind) => $"BwP: {kind}";
}
