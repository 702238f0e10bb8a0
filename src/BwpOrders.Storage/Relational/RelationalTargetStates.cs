using System.Data.Common;
using System.Text.Json;
using BwpOrders.Domain;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// Reset, snapshots and restore of a target on a SQL engine, over <see cref="TargetTables"/>. A snapshot is one row of
/// <c>target_snapshots</c> holding every row of the target's tables as read (<see cref="SnapshotContent"/>), so sealed
/// columns stay sealed and a column added later is simply absent from older snapshots (its default applies). After a
/// reset or restore commits, <paramref name="events"/> is told, so this process's caches forget the target.
/// </summary>
public sealed class RelationalTargetStates(RelationalDatabase db, TargetStateEvents events) : ITargetStateStore
{
    public async Task ResetAsync(string targetId, CancellationToken ct = default)
    {
        await db.WriteAsync(async (connection, tx, attempt) => await DeleteAsync(connection, tx, targetId, attempt), ct);
        events.AnnounceReplaced(targetId);
    }

    public Task SnapshotAsync(TargetSnapshot snapshot, CancellationToken ct = default) => db.WriteAsync(async (connection, tx, attempt) =>
    {
        // Every table as of one moment (PostgreSQL: one snapshot for the whole transaction; SQLite's write transaction already is one).
        if (db.ConsistentReadsSql is { } consistent) await Sql.Exec(connection, tx, consistent, attempt);
        var content = await SnapshotContent.ReadAsync(connection, tx, snapshot.TargetId, attempt);
        return await Sql.Exec(connection, tx,
            "INSERT INTO target_snapshots (target_id, snapshot_id, name, created_at, content) VALUES (@t, @id, @n, @at, @c)", attempt,
            ("@t", snapshot.TargetId), ("@id", snapshot.SnapshotId), ("@n", (object?)snapshot.Name ?? DBNull.Value), ("@at", snapshot.CreatedAt), ("@c", content));
    }, ct);

    public Task<IReadOnlyList<TargetSnapshot>> ListSnapshotsAsync(string targetId, CancellationToken ct = default) =>
        db.RetryTransientAsync<IReadOnlyList<TargetSnapshot>>(async attempt =>
        {
            await using var connection = await db.OpenAsync(attempt);
            await using var command = Sql.Command(connection, null,
                "SELECT snapshot_id, name, created_at FROM target_snapshots WHERE target_id = @t ORDER BY created_at, snapshot_id", [("@t", targetId)]);
            await using var reader = await command.ExecuteReaderAsync(attempt);
            var snapshots = new List<TargetSnapshot>();
            while (await reader.ReadAsync(attempt))
                snapshots.Add(new TargetSnapshot(reader.GetString(0), targetId, reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
            return snapshots;
        }, ct);

    public async Task<bool> RestoreAsync(string targetId, string snapshotId, CancellationToken ct = default)
    {
        var restored = await db.WriteAsync(async (connection, tx, attempt) =>
        {
            if (await Sql.Scalar(connection, tx, "SELECT content FROM target_snapshots WHERE target_id = @t AND snapshot_id = @id", attempt,
                    ("@t", targetId), ("@id", snapshotId)) is not string content)
                return false;
            await DeleteAsync(connection, tx, targetId, attempt);
            await SnapshotContent.WriteAsync(connection, tx, content, db.OverridingIdentity, attempt);
            await OrderSearchColumns.FillAsync(connection, tx, attempt); // a snapshot older than the listings' columns has none
            return true;
        }, ct);
        if (restored) events.AnnounceReplaced(targetId);
        return restored;
    }

    public Task<bool> DeleteSnapshotAsync(string targetId, string snapshotId, CancellationToken ct = default) => db.WriteAsync(async (connection, tx, attempt) =>
        await Sql.Exec(connection, tx, "DELETE FROM target_snapshots WHERE target_id = @t AND snapshot_id = @id", attempt,
            ("@t", targetId), ("@id", snapshotId)) == 1, ct);

    /// <summary>Backwards through <see cref="TargetTables.All"/>: a table whose rows are found through another's goes before it.</summary>
    private static async Task<int> DeleteAsync(DbConnection connection, DbTransaction tx, string targetId, CancellationToken ct)
    {
        var deleted = 0;
        for (var i = TargetTables.All.Count - 1; i >= 0; i--)
            deleted += await Sql.Exec(connection, tx, $"DELETE FROM {TargetTables.All[i].Name} WHERE {TargetTables.All[i].Rows}", ct, ("@t", targetId));
        return deleted;
    }
}
