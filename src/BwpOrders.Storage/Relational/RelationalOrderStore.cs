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
    public Task MigrateAsync(CancellationToken ct = default) => db.MigrateAsync(ct);

    public Task<StoredOrder?> FindAsync(string targetId, OrderLookup lookup, CancellationToken ct = default) => db.RetryTransientAsync(async () =>
    {
        await using var connection = await db.OpenAsync(ct);
        var orderId = await ResolveOrderId(connection, null, targetId, lookup, ct);
        return orderId is null ? null : await Read(connection, null, targetId, orderId, "", ct);
    }, ct);

    public Task InsertAsync(string targetId, Order order, IReadOnlyList<DomainEvent> events, CancellationToken ct = default) => db.RetryTransientAsync(async () =>
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await db.BeginWriteAsync(connection, ct);
        await Sql.Exec(connection, tx,
            "INSERT INTO orders (target_id, order_id, version, document, created_at, updated_at) VALUES (@t, @o, 1, @d, @c, @u)", ct,
            ("@t", targetId), ("@o", order.Id), ("@d", OrderJson.Serialize(order)), ("@c", order.Metadata.CreatedAt), ("@u", order.Metadata.UpdatedAt));
        await WriteAliases(connection, tx, targetId, order, ct);
        await AppendEvents(connection, tx, targetId, 1, events, ct);
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
        var version = stored.Version + 1;
        await Sql.Exec(connection, tx,
            "UPDATE orders SET document = @d, version = @v, updated_at = @u WHERE target_id = @t AND order_id = @o", ct,
            ("@t", targetId), ("@o", change.Order.Id), ("@d", OrderJson.Serialize(change.Order)), ("@u", change.Order.Metadata.UpdatedAt), ("@v", version));
        await WriteAliases(connection, tx, targetId, change.Order, ct);
        await AppendEvents(connection, tx, targetId, version, change.Events, ct);
        await tx.CommitAsync(ct);
        return change.Order.Link();
    }, ct);

    public Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string targetId, string orderId, CancellationToken ct = default) => db.RetryTransientAsync<IReadOnlyList<OutboxEntry>>(async () =>
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = Sql.Command(connection, null,
            "SELECT sequence, target_id, order_id, order_version, event_type, resource, occurred_at FROM outbox WHERE target_id = @t AND order_id = @o ORDER BY sequence",
            [("@t", targetId), ("@o", orderId)]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(ct))
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        return entries;
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

    /// <summary>Adds the order's new aliases to the per-target index; a pair owned by another order is a conflict.</summary>
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

    private static async Task AppendEvents(DbConnection connection, DbTransaction tx, string targetId, long version, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            await Sql.Exec(connection, tx,
                "INSERT INTO outbox (target_id, order_id, order_version, event_type, resource, occurred_at) VALUES (@t, @o, @v, @e, @r, @at)", ct,
                ("@t", targetId), ("@o", e.OrderId), ("@v", version), ("@e", e.Type), ("@r", e.Resource), ("@at", e.OccurredAt));
    }
}
