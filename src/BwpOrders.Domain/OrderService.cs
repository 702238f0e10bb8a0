using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain;

/// <summary>
/// The order use cases. An update is applied to the order read under its write lock (see
/// <see cref="IOrderStore.UpdateAsync"/>), so concurrent writers (threads or server processes) queue and never
/// lose a change.
/// </summary>
public sealed class OrderService(IOrderStore store, TimeProvider clock)
{
    public async Task<Order> CreateAsync(string targetId, CreateOrderCommand command, CancellationToken ct = default)
    {
        var change = OrderFactory.Create(command, clock.GetUtcNow());
        await store.InsertAsync(targetId, change.Order, change.Events, ct);
        return change.Order;
    }

    public async Task<Order> GetAsync(string targetId, OrderLookup lookup, CancellationToken ct = default) =>
        (await store.FindAsync(targetId, lookup, ct) ?? throw NotFound(lookup)).Order;

    public async Task<Order> UpdateAsync(string targetId, UpdateOrderCommand command, CancellationToken ct = default) =>
        await store.UpdateAsync(targetId, command.Order, order => OrderUpdater.Apply(order, command, clock.GetUtcNow()), ct)
        ?? throw NotFound(command.Order);

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
