using System.Threading.Channels;
using Suanwang.Storage.Health;

namespace Suanwang.Storage;

/// <summary>
/// Group commit: concurrent callers enqueue writes; one loop takes everything pending (up to a
/// batch) and runs it in one transaction, so a thousand callers pay for one fsync rather than a
/// thousand. Callers learn the outcome only after the commit. When the transaction fails for a
/// reason that belongs to one write (a duplicate key, say), each write of the batch runs again
/// alone, so one bad write does not fail the others. A failure of the database's own (read-only,
/// full, unreachable) reaches callers as <see cref="StoreUnavailableException"/> and degrades
/// <see cref="StoreHealth"/> until a commit succeeds.
/// </summary>
/// <typeparam name="TWrite">The dialect's write.</typeparam>
internal sealed class GroupCommitQueue<TWrite> : IAsyncDisposable
    where TWrite : class, IQueuedWrite
{
    private readonly Channel<TWrite> _channel = Channel.CreateUnbounded<TWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch;
    private readonly Func<IReadOnlyList<TWrite>, Task> _runInTransaction;
    private readonly Func<Exception, bool> _failsAlone;
    private readonly StoreHealth _health;
    private readonly Task _loop;

    /// <summary>
    /// Starts the loop. <paramref name="runInTransaction"/> runs writes in one transaction, all or
    /// nothing; <paramref name="failsAlone"/> says whether an error of a batch may belong to one of
    /// its writes only, rather than fail any write the same way (a lost connection, a full disk).
    /// Every outcome is recorded in <paramref name="health"/>.
    /// </summary>
    public GroupCommitQueue(int maxBatch, Func<IReadOnlyList<TWrite>, Task> runInTransaction, Func<Exception, bool> failsAlone, StoreHealth health)
    {
        _health = health;
        _maxBatch = maxBatch;
        _runInTransaction = runInTransaction;
        _failsAlone = failsAlone;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a write for the next commit.</summary>
    public void Enqueue(TWrite write)
    {
        if (!_channel.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommitQueue<>), "the store is closed");
        }
    }

    /// <summary>Stops taking writes and waits until every queued write has committed or failed.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<TWrite>(_maxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var write))
            {
                if (!write.TryCancel())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The loop must outlive any one failed batch; the error goes to its callers.
            catch (Exception error)
#pragma warning restore CA1031
            {
                var reported = Failed(error);
                foreach (var failed in batch)
                {
                    failed.Fail(reported);
                }
            }

            batch.Clear();
        }
    }

    private async Task CommitAsync(List<TWrite> batch)
    {
        try
        {
            await _runInTransaction(batch).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any error of the batch goes to its callers, one by one.
        catch (Exception error)
#pragma warning restore CA1031
        {
            if (batch.Count == 1 || !_failsAlone(error))
            {
                var reported = Failed(error);
                foreach (var write in batch)
                {
                    write.Fail(reported);
                }

                return;
            }

            foreach (var write in batch)
            {
                try
                {
                    await _runInTransaction([write]).ConfigureAwait(false);
                    _health.Committed();
                    write.Complete();
                }
#pragma warning disable CA1031
                catch (Exception alone)
#pragma warning restore CA1031
                {
                    write.Fail(Failed(alone));
                }
            }

            return;
        }

        _health.Committed();
        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    // The error callers get: the database's own failure as StoreUnavailableException, which degrades health.
    private Exception Failed(Exception error)
    {
        var reported = StoreFailures.Translate(error);
        _health.Failed(reported);
        return reported;
    }
}
