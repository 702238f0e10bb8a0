using System.Data.Common;
using BwpOrders.Storage.Relational;

namespace BwpOrders.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file beside the write path instead of inside it. SQLite's automatic
/// checkpoint runs in the commit that crosses 1,000 WAL pages, so every few hundred milliseconds one group commit
/// also wrote and fsynced the database file, and its callers waited for that (the update's p99). Here a commit asks
/// for a checkpoint at most every 200 ms (often enough to keep the WAL, which every read searches, short), and a
/// PASSIVE one runs on its own connection while writers go on. The WAL is still fsynced on every commit, so
/// durability does not change.
/// </summary>
internal sealed class WalCheckpoints(Func<CancellationToken, Task<DbConnection>> open)
{
    private static readonly long EveryMilliseconds = 200;
    private long _last = Environment.TickCount64;
    private int _running;

    /// <summary>The per-connection pragma that leaves checkpoints to this class.</summary>
    public const string DisableAutomatic = "PRAGMA wal_autocheckpoint=0;";

    public void AfterCommit()
    {
        if (Environment.TickCount64 - Interlocked.Read(ref _last) < EveryMilliseconds) return;
        if (Interlocked.Exchange(ref _running, 1) == 1) return;
        Interlocked.Exchange(ref _last, Environment.TickCount64);
        _ = Task.Run(async () =>
        {
            try
            {
                await using var connection = await open(CancellationToken.None);
                await Sql.Exec(connection, null, "PRAGMA wal_checkpoint(PASSIVE);", CancellationToken.None);
            }
            catch
            {
                // A checkpoint that could not run now is tried again after the next commit: nothing is lost meanwhile.
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        });
    }
}
