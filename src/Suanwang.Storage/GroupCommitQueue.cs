using System.Threading.Channels;

namespace Suanwang.Storage;

/// <summary>
/// Group commit: concurrent callers enqueue writes; one loop takes everything pending (up to a
/// batch) and hands it to a commit function that runs it in one transaction, so a thousand
/// callers pay for one fsync rather than a thousand. Callers learn the outcome only after the commit.
/// </summary>
/// <typeparam name="TWrite">The dialect's write.</typeparam>
internal sealed class GroupCommitQueue<TWrite> : IAsyncDisposable
    where TWrite : class, IQueuedWrite
{
    private readonly Channel<TWrite> _channel = Channel.CreateUnbounded<TWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch;
    private readonly Func<IReadOnlyList<TWrite>, Task> _commit;
    private readonly Task _loop;

    /// <summary>Starts the loop; <paramref name="commit"/> must complete or fail every write it is given.</summary>
    public GroupCommitQueue(int maxBatch, Func<IReadOnlyList<TWrite>, Task> commit)
    {
        _maxBatch = maxBatch;
        _commit = commit;
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
                await _commit(batch).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The loop must outlive any one failed batch; the error goes to its callers.
            catch (Exception error)
#pragma warning restore CA1031
            {
                foreach (var failed in batch)
                {
                    failed.Fail(error);
                }
            }

            batch.Clear();
        }
    }
}
