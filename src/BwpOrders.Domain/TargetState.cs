namespace BwpOrders.Domain;

/// <summary>A saved copy of one target's state (<see cref="ITargetStateStore.SnapshotAsync"/>), without its content.</summary>
public sealed record TargetSnapshot(string SnapshotId, string TargetId, string? Name, string CreatedAt);

/// <summary>
/// A target's whole state at once, for tests: emptied (<see cref="ResetAsync"/>), saved and put back (snapshots).
/// "State" is every per-target row — orders and their indexes, outbox and change log, scheduled actions, catalog,
/// clock, event subscriptions, auth profiles, deliveries and their attempts — but never the target's credentials (the
/// caller must still be able to call) nor its snapshots (fixtures outlive a reset). Each call is one transaction.
/// Sealed secrets (destinations, auth configurations) are copied as stored, never opened.
/// </summary>
public interface ITargetStateStore
{
    /// <summary>Deletes the target's state.</summary>
    Task ResetAsync(string targetId, CancellationToken ct = default);

    /// <summary>Saves the target's state as it is now under <see cref="TargetSnapshot.SnapshotId"/>, a new id.</summary>
    Task SnapshotAsync(TargetSnapshot snapshot, CancellationToken ct = default);

    /// <summary>The target's snapshots, oldest first.</summary>
    Task<IReadOnlyList<TargetSnapshot>> ListSnapshotsAsync(string targetId, CancellationToken ct = default);

    /// <summary>Replaces the target's state with the snapshot's; false (nothing changed) when the target has no such snapshot.</summary>
    Task<bool> RestoreAsync(string targetId, string snapshotId, CancellationToken ct = default);

    /// <summary>False when the target has no such snapshot.</summary>
    Task<bool> DeleteSnapshotAsync(string targetId, string snapshotId, CancellationToken ct = default);
}

/// <summary>
/// Tells what a process keeps in memory about targets (cached orders, clock offsets, subscriptions, auth profiles,
/// OAuth tokens) that a target's state was replaced, so none of it is served after a reset or restore. Only this
/// process hears it: another process sharing the database forgets within its caches' own lifetimes.
/// </summary>
public sealed class TargetStateEvents
{
    public event Action<string>? Replaced;

    public void AnnounceReplaced(string targetId) => Replaced?.Invoke(targetId);
}
