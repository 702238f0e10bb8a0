using BwpOrders.Domain;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Simulated clocks on a SQL engine: a target's clock is real time plus the offset stored for it (none: real
/// time). Due actions are found by comparing each action's due time with its own target's clock.
/// </summary>
public sealed class RelationalClockStore(RelationalDatabase db) : IClockStore
{
    public Task<TimeSpan> OffsetAsync(string targetId, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        var offset = await Sql.Scalar(connection, null, "SELECT offset_ms FROM target_clocks WHERE target_id = @t", attempt, ("@t", targetId));
        return TimeSpan.FromMilliseconds(offset is null ? 0 : Convert.ToInt64(offset));
    }, ct);

    public Task<TimeSpan> AdvanceAsync(string targetId, TimeSpan by, CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        await using var tx = await db.BeginWriteAsync(connection, attempt);
        await Sql.Exec(connection, tx,
            "INSERT INTO target_clocks (target_id, offset_ms) VALUES (@t, @by) ON CONFLICT (target_id) DO UPDATE SET offset_ms = target_clocks.offset_ms + @by", attempt,
            ("@t", targetId), ("@by", (long)by.TotalMilliseconds));
        var offset = Convert.ToInt64(await Sql.Scalar(connection, tx, "SELECT offset_ms FROM target_clocks WHERE target_id = @t", attempt, ("@t", targetId)));
        await tx.CommitAsync(attempt);
        return TimeSpan.FromMilliseconds(offset);
    }, ct);

    public Task<IReadOnlyList<PendingAction>> DueAsync(DateTimeOffset realNow, string? targetId, int max, CancellationToken ct = default) =>
        db.RetryTransientAsync<IReadOnlyList<PendingAction>>(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            var sql = """
                SELECT a.id, a.target_id, a.order_id, a.due_at_ms, a.kind, a.subject FROM scheduled_actions a
                LEFT JOIN target_clocks c ON c.target_id = a.target_id
                WHERE a.due_at_ms <= @now + COALESCE(c.offset_ms, 0)
                """ + (targetId is null ? "" : " AND a.target_id = @t") + " ORDER BY a.due_at_ms, a.id LIMIT @max";
            await using var command = Sql.Command(connection, null, sql, [("@now", realNow.ToUnixTimeMilliseconds()), ("@t", targetId ?? ""), ("@max", max)]);
            await using var reader = await command.ExecuteReaderAsync(attempt);
            var due = new List<PendingAction>();
            while (await reader.ReadAsync(attempt))
                due.Add(new PendingAction(reader.GetInt64(0), reader.GetString(1),
                    new ScheduledAction(reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), reader.GetString(5))));
            return due;
        }, ct);
}
