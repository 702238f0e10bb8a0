using System.Data.Common;
using BwpOrders.Domain;
using BwpOrders.Domain.Events;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Delivery of committed events: the outbox is fanned out into one delivery per subscription in the transaction
/// that marks the events done, and deliveries are leased to one worker at a time (PostgreSQL: SKIP LOCKED, so
/// several processes share the work; SQLite: its single writer), so each goes out once in normal operation and
/// again only after a crash or an expired lease.
/// </summary>
public sealed partial class RelationalEventStore
{
    private const string DeliveryColumns =
        "delivery_id, target_id, subscription_id, order_id, sequence, event_type, event_id, idempotency_key, payload, state, attempts, next_attempt_ms, last_status, last_error, created_at, delivered_at";

    public Task<int> DispatchAsync(int max, Func<OutboxEvent, IReadOnlyList<EventSubscription>, Task<IReadOnlyList<DeliveryPlan>>> plan, CancellationToken ct = default) =>
        db.RetryTransientAsync(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            // A plain read first: an idle poll must not take the write lock (SQLite) or lock rows (PostgreSQL).
            if (await Sql.Scalar(connection, null, "SELECT sequence FROM outbox WHERE dispatched = 0 LIMIT 1", attempt) is null) return 0;
            await using var tx = await db.BeginWriteAsync(connection, attempt);
            var events = new List<OutboxEvent>();
            await using (var command = Sql.Command(connection, tx,
                "SELECT sequence, target_id, order_id, order_version, event_type, resource, occurred_at, snapshot FROM outbox WHERE dispatched = 0 ORDER BY sequence LIMIT @n"
                + db.SkipLockedClause, [("@n", max)]))
            await using (var reader = await command.ExecuteReaderAsync(attempt))
                while (await reader.ReadAsync(attempt))
                    events.Add(new OutboxEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                        reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
            if (events.Count == 0) return 0;

            var targets = events.Select(e => e.TargetId).Distinct().ToList();
            var (inTargets, targetParameters) = Sql.InList("@t", targets.Cast<object>().ToList());
            var subscriptions = (await ReadSubscriptions(connection, tx, $"SELECT {SubscriptionColumns} FROM event_subscriptions WHERE target_id IN ({inTargets})", targetParameters, attempt))
                .ToLookup(s => s.TargetId);
            var planned = new List<(OutboxEvent Event, DeliveryPlan Delivery)>();
            foreach (var e in events)
                foreach (var delivery in await plan(e, subscriptions[e.TargetId].ToList())) planned.Add((e, delivery));
            await InsertDeliveries(connection, tx, planned, clock.GetUtcNow(), attempt);
            var (inSequences, sequenceParameters) = Sql.InList("@q", events.Select(e => (object)e.Sequence).ToList());
            await Sql.Exec(connection, tx, $"UPDATE outbox SET dispatched = 1 WHERE sequence IN ({inSequences})", attempt, sequenceParameters);
            await tx.CommitAsync(attempt);
            return events.Count;
        }, ct);

    /// <summary>Inserts new deliveries, many rows per statement.</summary>
    private static async Task InsertDeliveries(DbConnection connection, DbTransaction tx, List<(OutboxEvent Event, DeliveryPlan Delivery)> planned, DateTimeOffset now, CancellationToken ct)
    {
        const int RowsPerStatement = 100;
        foreach (var chunk in planned.Chunk(RowsPerStatement))
        {
            var rows = new List<string>();
            var parameters = new List<(string, object)> { ("@state", DeliveryStates.Pending), ("@next", now.ToUnixTimeMilliseconds()), ("@at", Timestamps.Format(now)) };
            for (var i = 0; i < chunk.Length; i++)
            {
                var (e, d) = chunk[i];
                rows.Add($"(@t{i}, @s{i}, @o{i}, @q{i}, @e{i}, @id{i}, @k{i}, @p{i}, @state, 0, @next, @at)");
                parameters.AddRange([($"@t{i}", e.TargetId), ($"@s{i}", d.SubscriptionId), ($"@o{i}", e.OrderId), ($"@q{i}", e.Sequence), ($"@e{i}", d.EventType),
                    ($"@id{i}", d.EventId), ($"@k{i}", d.IdempotencyKey), ($"@p{i}", d.Payload)]);
            }
            await Sql.Exec(connection, tx,
                "INSERT INTO deliveries (target_id, subscription_id, order_id, sequence, event_type, event_id, idempotency_key, payload, state, attempts, next_attempt_ms, created_at) VALUES "
                + string.Join(", ", rows), ct, [.. parameters]);
        }
    }

    public Task<IReadOnlyList<Delivery>> ClaimDueAsync(string worker, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct = default) =>
        db.RetryTransientAsync<IReadOnlyList<Delivery>>(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            await using var tx = await db.BeginWriteAsync(connection, attempt);
            var claimed = await ReadDeliveries(connection, tx, $"""
                UPDATE deliveries SET lease_owner = @w, lease_until_ms = @until WHERE delivery_id IN (
                    SELECT delivery_id FROM deliveries
                    WHERE state = 'PENDING' AND next_attempt_ms <= @now AND (lease_until_ms IS NULL OR lease_until_ms < @now)
                    ORDER BY next_attempt_ms LIMIT @n{db.SkipLockedClause})
                RETURNING {DeliveryColumns}
                """, [("@w", worker), ("@until", (now + lease).ToUnixTimeMilliseconds()), ("@now", now.ToUnixTimeMilliseconds()), ("@n", max)], attempt);
            await tx.CommitAsync(attempt);
            return claimed;
        }, ct);

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        var due = await Sql.Scalar(connection, null, """
            SELECT MIN(CASE WHEN lease_until_ms > next_attempt_ms THEN lease_until_ms ELSE next_attempt_ms END)
            FROM deliveries WHERE state = 'PENDING'
            """, attempt);
        return due is null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(due));
    }, ct);

    // Both counts read partial indexes (outbox_undispatched, deliveries_due): what waits, not the whole log.
    public Task<EventBacklog> BacklogAsync(CancellationToken ct = default) => db.RetryTransientAsync(async attempt =>
    {
        await using var connection = await db.OpenAsync(attempt);
        await using var command = Sql.Command(connection, null,
            "SELECT (SELECT COUNT(*) FROM outbox WHERE dispatched = 0), (SELECT COUNT(*) FROM deliveries WHERE state = 'PENDING')", []);
        await using var reader = await command.ExecuteReaderAsync(attempt);
        await reader.ReadAsync(attempt);
        return new EventBacklog(Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)));
    }, ct);

    public Task RecordAttemptsAsync(IReadOnlyList<AttemptOutcome> outcomes, CancellationToken ct = default) =>
        db.RetryTransientAsync(async token =>
        {
            if (outcomes.Count == 0) return true;
            await using var connection = await db.OpenAsync(token);
            await using var tx = await db.BeginWriteAsync(connection, token);
            // Two statements per hundred outcomes, whatever the engine: the log lines, then the deliveries.
            foreach (var chunk in outcomes.Chunk(100))
            {
                var rows = new List<string>();
                var parameters = new List<(string, object)>();
                for (var i = 0; i < chunk.Length; i++)
                {
                    var (delivery, attempt, state, next) = chunk[i];
                    rows.Add($"(CAST(@d{i} AS BIGINT), @at{i}, CAST(@c{i} AS INTEGER), CAST(@l{i} AS BIGINT), CAST(@e{i} AS TEXT), @s{i}, CAST(@n{i} AS BIGINT), CAST(@done{i} AS TEXT))");
                    parameters.AddRange([($"@d{i}", delivery.Id), ($"@at{i}", attempt.At), ($"@c{i}", (object?)attempt.StatusCode ?? DBNull.Value), ($"@l{i}", attempt.LatencyMs),
                        ($"@e{i}", (object?)attempt.Error ?? DBNull.Value), ($"@s{i}", state), ($"@n{i}", (next ?? clock.GetUtcNow()).ToUnixTimeMilliseconds()),
                        ($"@done{i}", state == DeliveryStates.Delivered ? attempt.At : DBNull.Value)]);
                }
                var outcomesTable = $"WITH o(delivery_id, at, status_code, latency_ms, error, state, next_ms, delivered_at) AS (VALUES {string.Join(", ", rows)}) ";
                // Numbered in the log, not by the caller: a worker whose lease ran out may record alongside the next one.
                await Sql.Exec(connection, tx, outcomesTable + """
                    INSERT INTO delivery_attempts (delivery_id, number, at, status_code, latency_ms, error)
                    SELECT o.delivery_id, (SELECT COALESCE(MAX(a.number), 0) + 1 FROM delivery_attempts a WHERE a.delivery_id = o.delivery_id), o.at, o.status_code, o.latency_ms, o.error
                    FROM o
                    """, token, [.. parameters]);
                await Sql.Exec(connection, tx, outcomesTable + """
                    UPDATE deliveries SET state = o.state, attempts = deliveries.attempts + 1, next_attempt_ms = o.next_ms, lease_owner = NULL, lease_until_ms = NULL,
                        last_status = o.status_code, last_error = o.error, delivered_at = o.delivered_at
                    FROM o WHERE deliveries.delivery_id = o.delivery_id AND deliveries.state = 'PENDING'
                    """, token, [.. parameters]);
            }
            await tx.CommitAsync(token);
            return true;
        }, ct);

    public Task<IReadOnlyList<Delivery>> ListDeliveriesAsync(DeliveryQuery q, CancellationToken ct = default) =>
        db.RetryTransientAsync<IReadOnlyList<Delivery>>(async attempt =>
        {
            var where = "target_id = @t"
                + (q.SubscriptionId is null ? "" : " AND subscription_id = @s")
                + (q.State is null ? "" : " AND state = @state")
                + (q.OrderId is null ? "" : " AND order_id = @o")
                + (q.Before is null ? "" : " AND delivery_id < @before");
            await using var connection = await db.OpenAsync(attempt);
            return await ReadDeliveries(connection, null, $"SELECT {DeliveryColumns} FROM deliveries WHERE {where} ORDER BY delivery_id DESC LIMIT @n",
                [("@t", q.TargetId), ("@s", q.SubscriptionId ?? ""), ("@state", q.State ?? ""), ("@o", q.OrderId ?? ""), ("@before", q.Before ?? 0), ("@n", q.First)], attempt);
        }, ct);

    public Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(IReadOnlyList<long> deliveryIds, CancellationToken ct = default) =>
        db.RetryTransientAsync<IReadOnlyList<DeliveryAttempt>>(async attempt =>
        {
            if (deliveryIds.Count == 0) return [];
            var (inIds, parameters) = Sql.InList("@d", deliveryIds.Cast<object>().ToList());
            await using var connection = await db.OpenAsync(attempt);
            await using var command = Sql.Command(connection, null,
                $"SELECT delivery_id, number, at, status_code, latency_ms, error FROM delivery_attempts WHERE delivery_id IN ({inIds}) ORDER BY delivery_id, number", parameters);
            await using var reader = await command.ExecuteReaderAsync(attempt);
            var attempts = new List<DeliveryAttempt>();
            while (await reader.ReadAsync(attempt))
                attempts.Add(new DeliveryAttempt(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            return attempts;
        }, ct);

    public Task<Delivery?> RedeliverAsync(string targetId, long deliveryId, DateTimeOffset now, CancellationToken ct = default) =>
        db.RetryTransientAsync(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            await using var tx = await db.BeginWriteAsync(connection, attempt);
            // A new round of attempts with the same body; a deleted subscription has nowhere to send it.
            var updated = await ReadDeliveries(connection, tx, $"""
                UPDATE deliveries SET state = 'PENDING', attempts = 0, next_attempt_ms = @now, lease_owner = NULL, lease_until_ms = NULL
                WHERE target_id = @t AND delivery_id = @id AND subscription_id IN (SELECT subscription_id FROM event_subscriptions WHERE target_id = @t)
                RETURNING {DeliveryColumns}
                """, [("@now", now.ToUnixTimeMilliseconds()), ("@t", targetId), ("@id", deliveryId)], attempt);
            await tx.CommitAsync(attempt);
            return updated.FirstOrDefault();
        }, ct);

    private static async Task<List<Delivery>> ReadDeliveries(DbConnection connection, DbTransaction? tx, string sql, (string, object)[] parameters, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, tx, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var deliveries = new List<Delivery>();
        while (await reader.ReadAsync(ct))
            deliveries.Add(new Delivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetInt32(10),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)), reader.IsDBNull(12) ? null : reader.GetInt32(12),
                reader.IsDBNull(13) ? null : reader.GetString(13), reader.GetString(14), reader.IsDBNull(15) ? null : reader.GetString(15)));
        return deliveries;
    }
}
