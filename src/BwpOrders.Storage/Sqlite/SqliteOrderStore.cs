using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;
using Microsoft.Data.Sqlite;
using static BwpOrders.Storage.Sqlite.SqliteDatabase;

namespace BwpOrders.Storage.Sqlite;

/// <summary>
/// SQLite storage: WAL with synchronous=FULL so an acknowledged commit survives a crash, and one
/// IMMEDIATE transaction per write so the order, its alias index and its events land together.
/// </summary>
public sealed class SqliteOrderStore : IOrderStore
{
    private readonly SqliteDatabase _db;

    public SqliteOrderStore(SqliteDatabase db) => _db = db;

    public SqliteOrderStore(string path) : this(new SqliteDatabase(path)) { }

    public Task MigrateAsync(CancellationToken ct = default) => _db.MigrateAsync(ct);

    public async Task<StoredOrder?> FindAsync(string targetId, OrderLookup lookup, CancellationToken ct = default)
    {
        await using var connection = await _db.OpenAsync(ct);
        var orderId = await ResolveOrderId(connection, targetId, lookup, ct);
        if (orderId is null) return null;
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document, version FROM orders WHERE target_id = $t AND order_id = $o;";
        command.Parameters.AddWithValue("$t", targetId);
        command.Parameters.AddWithValue("$o", orderId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StoredOrder(OrderJson.Deserialize(reader.GetString(0)), reader.GetInt64(1));
    }

    public async Task InsertAsync(string targetId, Order order, IReadOnlyList<DomainEvent> events, CancellationToken ct = default)
    {
        await using var connection = await _db.OpenAsync(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await Exec(connection, tx,
            "INSERT INTO orders (target_id, order_id, version, document, created_at, updated_at) VALUES ($t, $o, 1, $d, $c, $u);", ct,
            ("$t", targetId), ("$o", order.Id), ("$d", OrderJson.Serialize(order)), ("$c", order.Metadata.CreatedAt), ("$u", order.Metadata.UpdatedAt));
        await WriteAliases(connection, tx, targetId, order, ct);
        await AppendEvents(connection, tx, targetId, 1, events, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<bool> TryUpdateAsync(string targetId, Order order, long expectedVersion, IReadOnlyList<DomainEvent> events, CancellationToken ct = default)
    {
        await using var connection = await _db.OpenAsync(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var updated = await Exec(connection, tx,
            "UPDATE orders SET document = $d, version = version + 1, updated_at = $u WHERE target_id = $t AND order_id = $o AND version = $v;", ct,
            ("$t", targetId), ("$o", order.Id), ("$d", OrderJson.Serialize(order)), ("$u", order.Metadata.UpdatedAt), ("$v", expectedVersion));
        if (updated == 0) return false;
        await WriteAliases(connection, tx, targetId, order, ct);
        await AppendEvents(connection, tx, targetId, expectedVersion + 1, events, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<OutboxEntry>> ReadOutboxAsync(string targetId, string orderId, CancellationToken ct = default)
    {
        await using var connection = await _db.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, target_id, order_id, order_version, event_type, resource, occurred_at FROM outbox WHERE target_id = $t AND order_id = $o ORDER BY sequence;";
        command.Parameters.AddWithValue("$t", targetId);
        command.Parameters.AddWithValue("$o", orderId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<OutboxEntry>();
        while (await reader.ReadAsync(ct))
            entries.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        return entries;
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        await using var connection = await _db.OpenAsync(ct);
        return Convert.ToInt64(await Scalar(connection, null, "SELECT COUNT(*) FROM schema_migrations;", ct)) > 0;
    }

    private static async Task<string?> ResolveOrderId(SqliteConnection connection, string targetId, OrderLookup lookup, CancellationToken ct)
    {
        if (lookup.OrderId is not null)
            return await Scalar(connection, null, "SELECT order_id FROM orders WHERE target_id = $t AND order_id = $o;", ct, ("$t", targetId), ("$o", lookup.OrderId)) as string;
        if (lookup.Alias is not null)
            return await Scalar(connection, null, "SELECT order_id FROM order_aliases WHERE target_id = $t AND alias_type = $at AND alias_id = $ai;", ct,
                ("$t", targetId), ("$at", lookup.Alias.AliasType), ("$ai", lookup.Alias.AliasId)) as string;
        if (lookup.IdOrAliasId is null) return null;
        var byId = await Scalar(connection, null, "SELECT order_id FROM orders WHERE target_id = $t AND order_id = $o;", ct, ("$t", targetId), ("$o", lookup.IdOrAliasId)) as string;
        if (byId is not null) return byId;
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT order_id FROM order_aliases WHERE target_id = $t AND alias_id = $ai LIMIT 2;";
        command.Parameters.AddWithValue("$t", targetId);
        command.Parameters.AddWithValue("$ai", lookup.IdOrAliasId);
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

    /// <summary>Keeps the per-target alias index equal to the order's aliases; a pair owned by another order is a conflict.</summary>
    private static async Task WriteAliases(SqliteConnection connection, SqliteTransaction tx, string targetId, Order order, CancellationToken ct)
    {
        foreach (var alias in order.Aliases)
        {
            var owner = await Scalar(connection, tx, "SELECT order_id FROM order_aliases WHERE target_id = $t AND alias_type = $at AND alias_id = $ai;", ct,
                ("$t", targetId), ("$at", alias.AliasType), ("$ai", alias.AliasId)) as string;
            if (owner is not null && owner != order.Id)
                throw BwpException.Conflict(ErrorCodes.AliasValueAlreadyExists,
                    $"aliases: alias {{aliasType: \"{alias.AliasType}\", aliasId: \"{alias.AliasId}\"}} already belongs to another order. If you are retrying createOrder, the order was probably created: look it up with order(orderIdentifier: {{alias: ...}}).");
            if (owner is null)
                await Exec(connection, tx, "INSERT INTO order_aliases (target_id, alias_type, alias_id, order_id) VALUES ($t, $at, $ai, $o);", ct,
                    ("$t", targetId), ("$at", alias.AliasType), ("$ai", alias.AliasId), ("$o", order.Id));
        }
    }

    private static async Task AppendEvents(SqliteConnection connection, SqliteTransaction tx, string targetId, long version, IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            await Exec(connection, tx,
                "INSERT INTO outbox (target_id, order_id, order_version, event_type, resource, occurred_at) VALUES ($t, $o, $v, $e, $r, $at);", ct,
                ("$t", targetId), ("$o", e.OrderId), ("$v", version), ("$e", e.Type), ("$r", e.Resource), ("$at", e.OccurredAt));
    }

}
