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
/// writers to one order queue and every change is applied to the latest version. Readers share the orders they read
/// (<see cref="SharedOrders"/>); a writer always reads its own.
/// </summary>
public sealed class RelationalOrderStore(RelationalDatabase db, StorageOptions options) : IOrderStore
{
    private readonly ChangeWriter _writer = new(db);
    private readonly ContendedOrders _contended = new();
    private readonly SharedOrders? _shared = options.OrderCacheBytes > 0 ? new SharedOrders(options) : null;

    public Task MigrateAsync(CancellationToken ct = default) => db.MigrateAsync(ct);

    /// <summary>After a target's state was replaced (reset, restore): its orders may be back at versions with other documents.</summary>
    internal void ForgetSharedOrders() => _shared?.Clear();

    public Task<StoredOrder?> FindAsync(string targetId, OrderLookup lookup, CancellationToken ct = default) => Find(targetId, lookup, _shared, ct);

    /// <param name="shared">Null for a writer: the order it gets is its own to change.</param>
    private Task<StoredOrder?> Find(string targetId, OrderLookup lookup, SharedOrders? shared, CancellationToken ct) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        return await Find(connection, null, targetId, lookup, "", shared, attempt);
    }, ct);

    public Task InsertAsync(string targetId, Change change, CancellationToken ct = default)
    {
        var order = change.Order;
        var document = change.Document;
        var fields = OrderSearchFields.Of(order);
        var insert = new Statement(
            "INSERT INTO orders (target_id, order_id, version, document, created_at, updated_at, execution_state, package_state) VALUES (@t, @o, 1, @d, @c, @u, @es, @ps)",
            ("@t", targetId), ("@o", order.Id), ("@d", document), ("@c", order.Metadata.CreatedAt), ("@u", order.Metadata.UpdatedAt),
            ("@es", fields.ExecutionState), ("@ps", (object?)fields.PackageState ?? DBNull.Value));
        return _writer.WriteAloneAsync(insert, targetId, 1, change, document, before: null, ct);
    }

    /// <summary>
    /// Optimistic first: the order is read and <paramref name="apply"/> runs outside the write transaction, and the
    /// transaction stores the result only if the order is still at the version read, so the write lock is held for
    /// the writes alone (and on PostgreSQL they go in one round trip). If another writer got there first, that
    /// transaction is rolled back, and the order is read again under its write lock and <paramref name="apply"/> runs
    /// again on it (so it may run twice; what it captured is from the run that is stored). An order that just had
    /// such a conflict is updated under the lock straight away for a while: racing again would only do the work twice.
    /// Where writers wait on row locks (PostgreSQL), this process's writers of one order take turns
    /// (<see cref="ContendedOrders"/>) from the moment the order is known, so racing writers of a busy order hold no
    /// connection while they wait and only one of them reads it at a time.
    /// </summary>
    public async Task<Order?> UpdateAsync(string targetId, OrderLookup lookup, Func<Order, Change?> apply, CancellationToken ct = default)
    {
        using var turn = lookup.OrderId is { } known ? await TakeTurnAsync(targetId, known, ct) : null;
        if (lookup.OrderId is { } named && _contended.IsContended(targetId, named)) return await UpdateLocked(targetId, named, apply, ct);
        var read = await Find(targetId, lookup, shared: null, ct);
        if (read is null) return null;
        // A refusal or a no-op on the order as read stands: the request is ordered before the writer it raced with.
        var before = OrderSearchFields.Of(read.Order);
        var change = apply(read.Order);
        if (change is null) return read.Order;
        var document = change.Document;
        try
        {
            await _writer.WriteAloneAsync(Update(targetId, read.Version, change, document), targetId, read.Version + 1, change, document, before, ct);
            return change.Order;
        }
        catch (VersionConflict)
        {
            _contended.Mark(targetId, read.Order.Id);
            using var lateTurn = turn is null ? await TakeTurnAsync(targetId, read.Order.Id, ct) : null; // found by alias
            return await UpdateLocked(targetId, read.Order.Id, apply, ct);
        }
    }

    /// <summary>This process's turn to write the order, where writers would otherwise wait on its row lock; else none.</summary>
    private async Task<IDisposable?> TakeTurnAsync(string targetId, string orderId, CancellationToken ct) =>
        db.WritersWaitOnRowLocks ? await _contended.TakeTurnAsync(targetId, orderId, ct) : null;

    /// <summary>The order read under its write lock, changed and stored in one transaction.</summary>
    private Task<Order?> UpdateLocked(string targetId, string orderId, Func<Order, Change?> apply, CancellationToken ct) =>
        db.WriteAsync(async (connection, tx, ct) =>
        {
            var latest = await Read(connection, tx, targetId, orderId, db.RowLockClause, shared: null, ct);
            if (latest is null) return null;
            var before = OrderSearchFields.Of(latest.Order);
            var change = apply(latest.Order);
            if (change is null) return latest.Order;
            await Write(connection, tx, targetId, latest.Version, before, change, ct);
            return change.Order;
        }, ct);

    public Task<bool> RunScheduledAsync(PendingAction action, Func<Order, Change?> apply, CancellationToken ct = default) => db.WriteAsync(async (connection, tx, ct) =>
    {
        // Whoever deletes the action runs it; a second process finds it gone (after waiting on the row lock).
        if (await Sql.Exec(connection, tx, "DELETE FROM scheduled_actions WHERE id = @id", ct, ("@id", action.Id)) == 0) return false;
        var stored = await Read(connection, tx, action.TargetId, action.Action.OrderId, db.RowLockClause, shared: null, ct);
        if (stored is null) return false;
        var before = OrderSearchFields.Of(stored.Order);
        if (apply(stored.Order) is { } change) await Write(connection, tx, action.TargetId, stored.Version, before, change, ct);
        return true;
    }, ct);

    /// <summary>Stores the change as the version after <paramref name="readVersion"/>; <see cref="VersionConflict"/> if the order is no longer at it.</summary>
    private Task Write(DbConnection connection, DbTransaction tx, string targetId, long readVersion, OrderSearchFields before, Change change, CancellationToken ct) =>
        _writer.WriteAsync(connection, tx, Update(targetId, readVersion, change, change.Document), targetId, readVersion + 1, change, change.Document, before, ct);

    private static Statement Update(string targetId, long readVersion, Change change, string document)
    {
        var fields = OrderSearchFields.Of(change.Order);
        return new("UPDATE orders SET document = @d, version = @v, updated_at = @u, execution_state = @es, package_state = @ps WHERE target_id = @t AND order_id = @o AND version = @read",
            ("@t", targetId), ("@o", change.Order.Id), ("@d", document), ("@u", change.Order.Metadata.UpdatedAt), ("@v", readVersion + 1), ("@read", readVersion),
            ("@es", fields.ExecutionState), ("@ps", (object?)fields.PackageState ?? DBNull.Value));
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

    public Task<SearchPage<OrderSummary>> SearchOrdersAsync(string targetId, OrderSearch search, CancellationToken ct = default) =>
        db.RetryTransientAsync(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            return await OrderListings.OrdersAsync(db, connection, targetId, search, attempt);
        }, ct);

    public Task<SearchPage<ReturnSummary>> SearchReturnsAsync(string targetId, ReturnSearch search, CancellationToken ct = default) =>
        db.RetryTransientAsync(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            return await OrderListings.ReturnsAsync(db, connection, targetId, search, attempt);
        }, ct);

    private Task<IReadOnlyList<T>> Query<T>(CancellationToken ct, string sql, Func<DbDataReader, T> map, params (string, object)[] parameters) =>
        db.RetryTransientAsync<IReadOnlyList<T>>(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            await using var command = Sql.Command(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(attempt);
            var rows = new List<T>();
            while (await reader.ReadAsync(attempt)) rows.Add(map(reader));
            return rows;
        }, ct);

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        var (applied, known) = await db.StatusAsync(ct);
        return applied == known;
    }

    private static async Task<StoredOrder?> Read(DbConnection connection, DbTransaction? tx, string targetId, string orderId, string lockClause, SharedOrders? shared,
        CancellationToken ct)
    {
        await using var command = Sql.Command(connection, tx, "SELECT document, version FROM orders WHERE target_id = @t AND order_id = @o" + lockClause,
            [("@t", targetId), ("@o", orderId)]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var version = reader.GetInt64(1);
        if (shared?.Find(targetId, orderId, version) is { } kept) return kept;
        // As UTF-8 bytes, which is what the JSON reader wants: a string would be transcoded twice on the way.
        var document = reader.GetFieldValue<byte[]>(0);
        var stored = new StoredOrder(OrderJson.Deserialize(document), version);
        shared?.Keep(targetId, orderId, stored, document.Length);
        return stored;
    }

    /// <summary>The order a lookup names: by id in one query; by alias, the alias index first.</summary>
    private static async Task<StoredOrder?> Find(DbConnection connection, DbTransaction? tx, string targetId, OrderLookup lookup, string lockClause, SharedOrders? shared,
        CancellationToken ct)
    {
        if (lookup.OrderId is not null) return await Read(connection, tx, targetId, lookup.OrderId, lockClause, shared, ct);
        if (lookup.Alias is not null)
            return await Sql.Scalar(connection, tx, "SELECT order_id FROM order_aliases WHERE target_id = @t AND alias_type = @at AND alias_id = @ai", ct,
                ("@t", targetId), ("@at", lookup.Alias.AliasType), ("@ai", lookup.Alias.AliasId)) is string aliased
                ? await Read(connection, tx, targetId, aliased, lockClause, shared, ct) : null;
        if (lookup.IdOrAliasId is null) return null;
        if (await Read(connection, tx, targetId, lookup.IdOrAliasId, lockClause, shared, ct) is { } byId) return byId;
        await using var command = Sql.Command(connection, tx, "SELECT DISTINCT order_id FROM order_aliases WHERE target_id = @t AND alias_id = @ai LIMIT 2",
            [("@t", targetId), ("@ai", lookup.IdOrAliasId)]);
        var matches = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) matches.Add(reader.GetString(0));
        return matches.Count switch
        {
            0 => null,
            1 => await Read(connection, tx, targetId, matches[0], lockClause, shared, ct),
            _ => throw BwpException.Validation(ErrorCodes.InvalidAliasId,
                $"orderId '{lookup.IdOrAliasId}' is an alias id of more than one order; identify the order by its id or by alias type and id."),
        };
    }
}
