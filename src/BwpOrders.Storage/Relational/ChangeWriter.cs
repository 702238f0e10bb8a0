using System.Data.Common;
using BwpOrders.Domain;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Everything a change writes besides the order document, in the same transaction: the alias index, the
/// tracker index, the BwP events (outbox), the actions it scheduled and its line in the change log.
/// </summary>
internal sealed class ChangeWriter(RelationalDatabase db)
{
    /// <summary>
    /// Writes <paramref name="store"/> (the statement storing the order document, which must affect one row) and
    /// everything else the change writes, in one batch where the order has no aliases to check first.
    /// </summary>
    /// <param name="document">The order document as stored by this change: the snapshot of events that carry the order.</param>
    /// <param name="before">The order's search fields as read before the change (null for a new order): return rows are written where they moved.</param>
    /// <exception cref="VersionConflict">The order is no longer at the version before this one: nothing of this change may be kept.</exception>
    public Task WriteAsync(DbConnection connection, DbTransaction tx, Statement store, string targetId, long version, Change change, string document,
        OrderSearchFields? before, CancellationToken ct) =>
        Guarded(async () =>
        {
            if (NeedsReads(change) || !connection.CanCreateBatch)
            {
                // The document first, on its own: the alias index is checked with a read, the inventory taken read and
                // written back, and without batching nothing is saved.
                CheckStored(await Sql.Batch(connection, tx, [store], ct));
                if (change.Order.Aliases.Count > 0) await WriteAliases(connection, tx, targetId, change.Order, ct);
                foreach (var take in change.InventoryTaken) await RelationalCatalogStore.TakeAsync(connection, tx, targetId, take, ct);
                await Sql.Batch(connection, tx, [.. Indexes(targetId, version, change, document, before)], ct);
                return;
            }
            CheckStored(await Sql.Batch(connection, tx, [store, .. Indexes(targetId, version, change, document, before)], ct));
        });

    /// <summary>
    /// The same write in a transaction of its own: for an order without aliases to check or inventory to take, one atomic batch
    /// (<see cref="RelationalDatabase.WriteBatchAsync"/>; on PostgreSQL one round trip, with no BEGIN and COMMIT).
    /// </summary>
    public Task WriteAloneAsync(Statement store, string targetId, long version, Change change, string document, OrderSearchFields? before, CancellationToken ct) =>
        NeedsReads(change)
            ? db.WriteAsync(async (connection, tx, ct) => { await WriteAsync(connection, tx, store, targetId, version, change, document, before, ct); return true; }, ct)
            : Guarded(() => db.WriteBatchAsync([store, .. Indexes(targetId, version, change, document, before)], CheckStored, ct));

    /// <summary>Whether the change writes what must be read first (aliases, inventory), so cannot be one blind batch.</summary>
    private static bool NeedsReads(Change change) => change.Order.Aliases.Count > 0 || change.InventoryTaken.Count > 0;

    /// <summary>The document statement (the first) stored exactly one row.</summary>
    private static void CheckStored(int[] affected)
    {
        if (affected[0] != 1) throw new VersionConflict();
    }

    private async Task Guarded(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (db.IsUniqueViolation(e))
        {
            // The order moved on: its change log already has this version.
            throw new VersionConflict();
        }
    }

    /// <summary>
    /// The tracker, catalog and return indexes (with the returns' search columns), the BwP events (outbox), the scheduled actions and, last, the change log
    /// line. Every stored version has one, under the primary key (order, version), so a writer whose document statement
    /// matched no row (the order moved on) fails there, and its whole batch with it: on PostgreSQL that batch is already
    /// committed when <see cref="CheckStored"/> sees it. The document statement goes first, so every writer takes the
    /// order's row lock before anything else, as the locked path does: no deadlock.
    /// </summary>
    private static IEnumerable<Statement> Indexes(string targetId, long version, Change change, string document, OrderSearchFields? before)
    {
        var order = change.Order;
        foreach (var tracker in change.CreatedTrackers)
            yield return new Statement(
                "INSERT INTO package_trackers (target_id, carrier_code, tracking_number, order_id) VALUES (@t, @c, @n, @o) ON CONFLICT DO NOTHING",
                ("@t", targetId), ("@c", tracker.PackageTrackerIdentifier.CarrierCode), ("@n", tracker.PackageTrackerIdentifier.TrackingNumber), ("@o", order.Id));
        // The target's "catalog": every SKU it has sold, returnable through BwP if Amazon fulfilled it.
        foreach (var item in change.CreatedLineItems.Where(l => l.Product?.Identifier?.Sku is not null))
            yield return new Statement("INSERT INTO catalog_items (target_id, sku, returnable) VALUES (@t, @s, @r) ON CONFLICT DO NOTHING",
                ("@t", targetId), ("@s", item.Product!.Identifier!.Sku!), ("@r", item.IsAmazonFulfilled ? 1 : 0));
        foreach (var returnRow in OrderSearchColumns.Returns(targetId, change, before)) yield return returnRow;
        foreach (var e in change.Events)
            yield return OutboxRows.Insert(targetId, e, version, EventTypes.CarryingOrder.Contains(e.Type) ? document : null);
        foreach (var action in change.Scheduled)
            yield return new Statement("INSERT INTO scheduled_actions (target_id, order_id, due_at_ms, kind, subject) VALUES (@t, @o, @due, @k, @s)",
                ("@t", targetId), ("@o", action.OrderId), ("@due", action.DueAt.ToUnixTimeMilliseconds()), ("@k", action.Kind), ("@s", action.Subject));
        yield return new Statement("INSERT INTO order_changes (target_id, order_id, version, occurred_at, operation) VALUES (@t, @o, @v, @at, @op)",
            ("@t", targetId), ("@o", order.Id), ("@v", version), ("@at", change.Now), ("@op", change.Operation));
    }

    /// <summary>Adds the order's new aliases to the per-target index; a pair owned by another order is refused.</summary>
    private async Task WriteAliases(DbConnection connection, DbTransaction tx, string targetId, Order order, CancellationToken ct)
    {
        foreach (var alias in order.Aliases)
        {
            var owner = await Sql.Scalar(connection, tx, "SELECT order_id FROM order_aliases WHERE target_id = @t AND alias_type = @at AND alias_id = @ai", ct,
                ("@t", targetId), ("@at", alias.AliasType), ("@ai", alias.AliasId)) as string;
            if (owner == order.Id) continue;
            try
            {
                if (owner is not null) throw AliasTaken(alias);
                await Sql.Exec(connection, tx, "INSERT INTO order_aliases (target_id, alias_type, alias_id, order_id) VALUES (@t, @at, @ai, @o)", ct,
                    ("@t", targetId), ("@at", alias.AliasType), ("@ai", alias.AliasId), ("@o", order.Id));
            }
            catch (Exception e) when (db.IsUniqueViolation(e))
            {
                // Another writer took the alias between our check and our insert.
                throw AliasTaken(alias);
            }
        }
    }

    /// <summary>BwP's createOrder troubleshooting table: ValidationError AliasValueAlreadyExists, meaning "already created".</summary>
    private static BwpException AliasTaken(Alias alias) => BwpException.Validation(ErrorCodes.AliasValueAlreadyExists,
        $"aliases: alias {{aliasType: \"{alias.AliasType}\", aliasId: \"{alias.AliasId}\"}} already belongs to another order. If you are retrying createOrder, the order was probably created: look it up with order(orderIdentifier: {{alias: ...}}).");
}

/// <summary>The order was not at the version the change was made from: the change is rolled back and made again.</summary>
internal sealed class VersionConflict() : Exception("The order changed since it was read.");
