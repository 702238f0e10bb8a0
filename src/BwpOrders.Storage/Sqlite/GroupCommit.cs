using System.Data.Common;
using System.Threading.Channels;

namespace BwpOrders.Storage.Sqlite;

/// <summary>
/// Group commit for one SQLite file: writes that arrive together run one after another in one transaction, each
/// inside its own savepoint (one that throws is rolled back alone), and are committed with one fsync; every caller
/// is answered after that commit. SQLite admits one writer at a time, so a commit per request capped the write path
/// at one fsync per update; batched, the fsync is shared by every write waiting for it.
/// </summary>
internal sealed class GroupCommit
{
    private const int MaxBatch = 256;

    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly Func<DbConnection, CancellationToken, Task<DbTransaction>> _begin;
    private readonly Action _afterCommit;

    /// <param name="afterCommit">Told after each committed batch (<see cref="WalCheckpoints"/>).</param>
    public GroupCommit(Func<CancellationToken, Task<DbConnection>> open, Func<DbConnection, CancellationToken, Task<DbTransaction>> begin, Action afterCommit)
    {
        _open = open;
        _begin = begin;
        _afterCommit = afterCommit;
        _ = Task.Run(WriteLoop);
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var unit = new Unit<T>(work, ct);
        if (!_queue.Writer.TryWrite(unit)) throw new InvalidOperationException("The write queue is closed.");
        return unit.Result;
    }

    private async Task WriteLoop()
    {
        var batch = new List<Unit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var unit))
                if (!unit.SkipIfCancelled()) batch.Add(unit);
            if (batch.Count == 0) continue;
            try
            {
                await RunBatch(batch);
                foreach (var unit in batch) unit.Answer();
                _afterCommit();
            }
            catch (Exception e)
            {
                // The transaction did not commit: nothing any of them did is stored.
                foreach (var unit in batch) unit.Fail(e);
            }
            batch.Clear();
        }
    }

    private async Task RunBatch(List<Unit> batch)
    {
        // Each unit runs without its caller's token: one caller going away must not break the shared transaction.
        await using var connection = await _open(CancellationToken.None);
        await using var tx = await _begin(connection, CancellationToken.None);
        foreach (var unit in batch)
        {
            await tx.SaveAsync("unit");
            try
            {
                await unit.RunAsync(connection, tx);
                await tx.ReleaseAsync("unit");
            }
            catch (Exception e)
            {
                await tx.RollbackAsync("unit");
                await tx.ReleaseAsync("unit");
                unit.Refuse(e);
            }
        }
        await tx.CommitAsync();
    }

    private abstract class Unit
    {
        public abstract bool SkipIfCancelled();
        public abstract Task RunAsync(DbConnection connection, DbTransaction tx);
        /// <summary>Its own work threw: it wrote nothing, and is answered with that error once the batch is settled.</summary>
        public abstract void Refuse(Exception e);
        public abstract void Answer();
        public abstract void Fail(Exception e);
    }

    private sealed class Unit<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) : Unit
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;
        private Exception? _refused;

        public Task<T> Result => _answer.Task;

        public override bool SkipIfCancelled() => ct.IsCancellationRequested && _answer.TrySetCanceled(ct);

        public override async Task RunAsync(DbConnection connection, DbTransaction tx) => _value = await work(connection, tx, CancellationToken.None);

        public override void Refuse(Exception e) => _refused = e;

        public override void Answer()
        {
            if (_refused is null) _answer.TrySetResult(_value!);
            else _answer.TrySetException(_refused);
        }

        public override void Fail(Exception e) => _answer.TrySetException(_refused ?? e);
    }
}
