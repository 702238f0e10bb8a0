using System.Data.Common;
using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Orders on a SQL engine: each order is one JSON document with a version number; each write is one
/// transaction storing the document, the per-target alias index and the outbox events together. An update
/// reads the order under a write lock (SQLite: the database's write lock; PostgreSQL: the order's row), so
/// writers to one order queue and every change is applied to the latest version.
/// </summary>
public sealed class RelationalOrderStore(RelationalDatabase db) : IOrderStore
{
    private readonly ChangeWriter _writer = new(db);

    public Task MigrateAsync(CancellationToken ct = default) => db.MigrateAsync(ct);

    public Task<StoredOrder?> FindAsync(string targetId, OrderLookup lookup, CancellationToken ct = default) => db.RetryTransientAsync(async () =>
    {
        await using var connection = await db.OpenAsync(ct);
        var orderId = await ResolveOrderId(connection, null, targetId, lookup, ct);
        return orderId is null ? null : await Read(connection, null, targetId, orderId, "", ct);
    }, ct);

    public Task InsertAsync(string targetId, Change change, CancellationToken ct = default) => db.RetryTransientAsync(async () =>
    {
        var order = change.Order;
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        var document = OrderJson.Serialize(order);
        await Sql.Exec(connection, tx,
            "INSERT INTO orders (target_id, order_id, version, document, created_at, updated_at) VALUES (@t, @o, 1, @d, @c, @u)", ct,
            ("@t", targetId), ("@o", order.Id), ("@d", document), ("@c", order.Metadata.CreatedAt), ("@u", order.Metadata.UpdatedAt));
        await _writer.WriteAsync(connection, tx, targetId, 1, change, document, ct);
        await tx.CommitAsync(ct);
        return true;
    }, ct);

    public Task<Order?> UpdateAsync(string targetId, OrderLookup lookup, Func<Order, Change?> apply, CancellationToken ct = default) => db.RetryTransientAsync(async () =>
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        var orderId = await ResolveOrderId(connection, tx, targetId, lookup, ct);
        var stored = orderId is null ? null : await Read(connection, tx, targetId, orderId, db.RowLockClause, ct);
        if (stored is null) return null;
        var change = apply(stored.Order);
        if (change is null) return stored.Order; // nothing to write; disposing rolls back
        await Write(connection, tx, targetId, stored.Version + 1, change, ct);
        await tx.CommitAsync(ct);
        return change.Order.Link();
    }, ct);

    public Task<bool> RunScheduledAsync(PendingAction action, Func<Order, Change?> apply, CancellationToken ct = default) => db.RetryTransientAsync(async () =>
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        // Whoever deletes the action runs it; a second process finds it gone (after waiting on the row lock).
        if (await Sql.Exec(connection, tx, "DELETE FROM scheduled_actions WHERE id = @id", ct, ("@id", action.Id)) == 0) return false;
        var stored = await Read(connection, tx, action.TargetId, action.Action.OrderId, db.RowLockClause, ct);
        if (stored is null) return false;
        if (apply(stored.Order) is { } change) await Write(connection, tx, action.TargetId, stored.Version + 1, change, ct);
        await tx.CommitAsync(ct);
        return true;
    }, ct);

    private async Task Write(DbConnection connection, DbTransaction tx, string targetId, long version, Change change, CancellationToken ct)
    {
        var document = OrderJson.Serialize(change.Order);
        await Sql.Exec(connection, tx,
            "UPDATE orders SET document = @d, version = @v, updated_at = @u WHERE target_id = @t AND order_id = @o", ct,
            ("@t", targetId), ("@o", change.Order.Id), ("@d", document), ("@u", change.Order.Metadata.UpdatedAt), ("@v", version));
        await _writer.WriteAsync(connection, tx, targetId, version, change, document, ct);
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string targetId, string orderId, CancellationToken ct = default) =>
        Query(ct, "SELECT sequence, target_id, order_id, order_version, event_type, resource, occurred_at FROM outbox WHERE target_id = @t AND order_id = @o ORDER BY sequence",
            r => new OutboxEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetString(6)),
            ("@t", targetId), ("@o", orderId));

    public Task<IReadOnlyList<OrderChangeEntry>> ReadChangesAsync(string targetId, string orderId, CancellationToken ct = default) =>
        Query(ct, "SELECT version, occurred_at, operation FROM order_changes WHERE target_id = @t AND order_id = @o ORDER BY version",
            r => new OrderChangeEntry(r.GetInt64(0), r.GetString(1), r.GetString(2)), ("@t", targetId), ("@o", orderId));

    public async Task<string?> FindOrderByTrackerAsync(string targetId, string carrierCode, string trackingNumber, CancellationToken ct = default) =>
        (await Query(ct, "SELECT order_id FROM package_trackers WHERE target_id = @t AND carrier_code = @c AND tracking_number = @n",
            r => r.GetString(0), ("@t", targetId), ("@c", carrierCode), ("@n", trackingNumber))).FirstOrDefault();

    public async Task<string?> FindOrderByReturnAsync(string targetId, string returnId, CancellationToken ct = default) =>
        (await Query(ct, "SELECT order_id FROM order_returns WHERE target_id = @t AND return_id = @r",
            r => r.GetString(0), ("@t", targetId), ("@r", returnId))).FirstOrDefault();

    public async Task<bool?> FindCatalogItemAsync(string targetId, string sku, CancellationToken ct = default) =>
        (await Query(ct, "SELECT returnable FROM catalog_items WHERE target_id = @t AND sku = @s",
            r => (bool?)(Convert.ToInt64(r.GetValue(0)) != 0), ("@t", targetId), ("@s", sku))).FirstOrDefault();

    private Task<IReadOnlyList<T>> Query<T>(CancellationToken ct, string sql, Func<DbDataReader, T> map, params (string, object)[] parameters) =>
        db.RetryTransientAsync<IReadOnlyList<T>>(async () =>
        {
            await using var connection = await db.OpenAsync(ct);
            await using var command = Sql.Command(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct)) rows.Add(map(reader));
            return rows;
        }, ct);

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        var (applied, known) = await db.StatusAsync(ct);
        return applied == known;
    }

    private static async Task<StoredOrder?> Read(DbConnection connection, DbTransaction? tx, string targetId, string orderId, string lockClause, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, tx, "SELECT document, version FROM orders WHERE target_id = @t AND order_id = @o" + lockClause,
            [("@t", targetId), ("@o", orderId)]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StoredOrder(OrderJson.Deserialize(reader.GetString(0)), reader.GetInt64(1));
    }

    private static async Task<string?> ResolveOrderId(DbConnection connection, DbTransaction? tx, string targetId, OrderLookup lookup, CancellationToken ct)
    {
        if (lookup.OrderId is not null)
            return await Sql.Scalar(connection, tx, "SELECT order_id FROM orders WHERE target_id = @t AND order_id = @o", ct, ("@t", targetId), ("@o", lookup.OrderId)) as string;
        if (lookup.Alias is not null)
            return await Sql.Scalar(connection, tx, "SELECT order_id FROM order_aliases WHERE target_id = @t AND alias_type = @at AND alias_id = @ai", ct,
                ("@t", targetId), ("@at", lookup.Alias.AliasType), ("@ai", lookup.Alias.AliasId)) as string;
        if (lookup.IdOrAliasId is null) return null;
        var byId = await Sql.Scalar(connection, tx, "SELECT order_id FROM orders WHERE target_id = @t AND order_id = @o", ct, ("@t", targetId), ("@o", lookup.IdOrAliasId)) as string;
        if (byId is not null) return byId;
        await using var command = Sql.Command(connection, tx, "SELECT DISTINCT order_id FROM order_aliases WHERE target_id = @t AND alias_id = @ai LIMIT 2",
            [("@t", targetId), ("@ai", lookup.IdOrAliasId)]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var matches = new List<string>();
        while (await reader.ReadAsync(ct)) matches.Add(reader.GetString(0));
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw BwpException.Validation(ErrorCodes.InvalidAliasId,
                $"orderId '{lookup.IdOrAliasId}' is an alias id of more than one order; identify the order by its id or by alias type and id."),
        };
    }
}
