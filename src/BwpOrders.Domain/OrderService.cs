using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Domain;

/// <summary>
/// The order use cases. Updates are optimistic: read, apply, write if the version is unchanged, else
/// re-read and re-apply, so concurrent writers (threads or server processes) never lose a change.
/// </summary>
public sealed class OrderService(IOrderStore store, TimeProvider clock)
{
    private const int MaxAttempts = 200;

    public async Task<Order> CreateAsync(string targetId, CreateOrderCommand command, CancellationToken ct = default)
    {
        var change = OrderFactory.Create(command, clock.GetUtcNow());
        await store.InsertAsync(targetId, change.Order, change.Events, ct);
        return change.Order;
    }

    public async Task<Order> GetAsync(string targetId, OrderLookup lookup, CancellationToken ct = default) =>
        (await store.FindAsync(targetId, lookup, ct) ?? throw NotFound(lookup)).Order;

    public async Task<Order> UpdateAsync(string targetId, UpdateOrderCommand command, CancellationToken ct = default)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await store.FindAsync(targetId, command.Order, ct) ?? throw NotFound(command.Order);
            var change = OrderUpdater.Apply(stored.Order, command, clock.GetUtcNow());
            if (change is null) return stored.Order;
            if (await store.TryUpdateAsync(targetId, change.Order, stored.Version, change.Events, ct))
                return change.Order.Link();
            // Another writer got there first: back off a little (jittered) and apply to the fresh version.
            await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20) * 2), ct);
        }
        throw BwpException.Conflict(ErrorCodes.ConcurrentModification,
            "The order is being updated by many concurrent requests; retry with exponential backoff.");
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
