using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain;

/// <summary>
/// The order use cases, the merchant's and BwP's side alike. Each change is applied to the order read under its
/// write lock (see <see cref="IOrderStore.UpdateAsync"/>) at the time of the target's simulated clock, so
/// concurrent writers (threads or server processes) queue and never lose a change.
/// </summary>
public sealed class OrderService(IOrderStore store, IClockStore clocks, SimulatedClock clock, DueSignal due, Simulation? simulation = null)
{
    public async Task<Order> CreateAsync(string targetId, CreateOrderCommand command, CancellationToken ct = default)
    {
        var change = OrderFactory.Create(command, await clock.NowAsync(targetId, ct), simulation);
        change.Operation = "createOrder";
        await store.InsertAsync(targetId, change, ct);
        Notify(change);
        return change.Order;
    }

    public async Task<Order> GetAsync(string targetId, OrderLookup lookup, CancellationToken ct = default) =>
        (await store.FindAsync(targetId, lookup, ct) ?? throw NotFound(lookup)).Order;

    public Task<Order> UpdateAsync(string targetId, UpdateOrderCommand command, CancellationToken ct = default) =>
        ChangeAsync(targetId, command.Order, "updateOrder", (order, now) => OrderUpdater.Apply(order, command, now, simulation), ct);

    public async Task<Cancellation> CancelAsync(string targetId, CancelOrderCommand command, CancellationToken ct = default)
    {
        Cancellation? cancellation = null;
        await ChangeAsync(targetId, command.Order, "cancelOrder", (order, now) =>
        {
            var change = new Change(order, now, simulation);
            cancellation = OrderCancellation.Request(change, command);
            return change.Finish();
        }, ct);
        return cancellation!;
    }

    /// <summary>The sandbox mutations that move packages, applied at once.</summary>
    public Task<Order> MovePackagesAsync(string targetId, OrderLookup lookup, IReadOnlyList<PackageMoveCommand> moves, string listPath, string operation, CancellationToken ct = default) =>
        ChangeAsync(targetId, lookup, operation, (order, now) =>
        {
            var change = new Change(order, now, simulation);
            SandboxPackageMoves.Apply(change, moves, listPath);
            return change.Finish();
        }, ct);

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
                        if (made is not null) made.Operation = $"BwP: {action.Action.Kind}";
                        return made;
                    }, ct))
                    ran++;
            }
        }
    }

    private async Task<Order> ChangeAsync(string targetId, OrderLookup lookup, string operation, Func<Order, DateTimeOffset, Change?> apply, CancellationToken ct)
    {
        var now = await clock.NowAsync(targetId, ct);
        Change? made = null;
        var order = await store.UpdateAsync(targetId, lookup, order =>
        {
            made = apply(order, now);
            if (made is not null) made.Operation = operation;
            return made;
        }, ct) ?? throw NotFound(lookup);
        if (made is not null) Notify(made);
        return order;
    }

    private void Notify(Change change)
    {
        if (change.Scheduled.Count > 0) due.Notify();
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
