using System.Data.Common;
using BwpOrders.Domain;
using BwpOrders.Domain.Model;
using BwpOrders.Domain.Rules;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// The columns listings search by, kept beside the documents: the order's execution and package summary states
/// (written with the document itself) and each return's state, origin and creation time in <c>order_returns</c>.
/// </summary>
internal static class OrderSearchColumns
{
    /// <summary>
    /// The return rows a change writes: each return it created, and each whose state moved since
    /// <paramref name="before"/> (the order's fields as read; null for a new order).
    /// </summary>
    public static IEnumerable<Statement> Returns(string targetId, Change change, OrderSearchFields? before)
    {
        foreach (var created in change.CreatedReturns) yield return Upsert(targetId, change.Order.Id, created);
        if (before is null || before.ReturnStates.Count == 0) yield break;
        foreach (var r in change.Order.Returns.Details)
            if (before.ReturnStates.TryGetValue(r.Id, out var was) && was != r.State)
                yield return new Statement("UPDATE order_returns SET state = @s WHERE target_id = @t AND return_id = @r AND order_id = @o",
                    ("@t", targetId), ("@r", r.Id), ("@o", change.Order.Id), ("@s", r.State));
    }

    /// <summary>A return's row with its columns; a row the order already has gets them (a return id of another order's row is left to it).</summary>
    private static Statement Upsert(string targetId, string orderId, ReturnDetails r) => new(
        """
        INSERT INTO order_returns (target_id, return_id, order_id, state, started_through_bwp, created_at) VALUES (@t, @r, @o, @s, @b, @c)
        ON CONFLICT (target_id, return_id) DO UPDATE SET state = excluded.state, started_through_bwp = excluded.started_through_bwp, created_at = excluded.created_at
        WHERE order_returns.order_id = excluded.order_id
        """,
        ("@t", targetId), ("@r", r.Id), ("@o", orderId), ("@s", r.State), ("@b", r.StartedThroughBwp ? 1L : 0L), ("@c", r.CreatedAt));

    /// <summary>
    /// Gives rows stored without the columns (before the schema had them, or restored from an older snapshot) their
    /// values from their documents, a batch at a time, in the caller's transaction. Finds them by the partial index
    /// <c>orders_search_unfilled</c>, so with none left it costs one index probe.
    /// </summary>
    public static async Task FillAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        const int Batch = 500;
        while (true)
        {
            var unfilled = new List<(string Target, Order Order)>();
            await using (var command = Sql.Command(connection, tx,
                             "SELECT target_id, document FROM orders WHERE execution_state IS NULL LIMIT " + Batch, []))
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    unfilled.Add((reader.GetString(0), OrderJson.Deserialize(reader.GetFieldValue<byte[]>(1))));
            if (unfilled.Count == 0) return;
            await Sql.Batch(connection, tx, [.. unfilled.SelectMany(u => Fill(u.Target, u.Order))], ct);
        }
    }

    private static IEnumerable<Statement> Fill(string targetId, Order order)
    {
        var fields = OrderSearchFields.Of(order);
        yield return new Statement("UPDATE orders SET execution_state = @es, package_state = @ps WHERE target_id = @t AND order_id = @o",
            ("@t", targetId), ("@o", order.Id), ("@es", fields.ExecutionState), ("@ps", (object?)fields.PackageState ?? DBNull.Value));
        foreach (var r in order.Returns.Details) yield return Upsert(targetId, order.Id, r);
    }
}
