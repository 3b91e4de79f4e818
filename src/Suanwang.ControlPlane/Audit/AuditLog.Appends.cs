using System.Threading.Channels;
using Suanwang.Storage.Audit;

namespace Suanwang.ControlPlane.Audit;

public sealed partial class AuditLog
{
    // Most entries one store write takes; a batch grows while the one before it commits.
    private const int MaxAppendBatch = 8_192;

    private readonly Channel<(NewAuditEntry Entry, TaskCompletionSource<AuditTicket> Done)> _pending =
        Channel.CreateUnbounded<(NewAuditEntry, TaskCompletionSource<AuditTicket>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _appendLoop;

    /// <inheritdoc />
    /// <remarks>
    /// Appends wait in a queue while the batch before them commits, then go to the store together
    /// as one write: one transaction and one fsync for thousands of entries. Once queued an append
    /// is not cancelled: a caller told "cancelled" must find nothing written.
    /// </remarks>
    public Task<AuditTicket> AppendAsync(string kind, string? tenant, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var entry = new NewAuditEntry(kind, tenant, bytes.ToArray());
        entry.Check();
        cancellationToken.ThrowIfCancellationRequested();
        var done = new TaskCompletionSource<AuditTicket>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite((entry, done)))
        {
            throw new ObjectDisposedException(nameof(AuditLog), "the audit log is closed");
        }

        return done.Task;
    }

    /// <summary>Completes when every append queued before <see cref="Dispose"/> has committed or failed.</summary>
    public Task Drained => _appendLoop;

    private async Task AppendLoopAsync()
    {
        var reader = _pending.Reader;
        var batch = new List<(NewAuditEntry Entry, TaskCompletionSource<AuditTicket> Done)>();
        var entries = new List<NewAuditEntry>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            entries.Clear();
            while (batch.Count < MaxAppendBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
                entries.Add(item.Entry);
            }

            try
            {
                var tickets = await _store.AppendAuditBatchAsync(entries, CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(new AuditTicket(tickets[i]));
                }
            }
#pragma warning disable CA1031 // The loop outlives a failed batch; the error goes to its callers.
            catch (Exception error)
#pragma warning restore CA1031
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(error);
                }
            }
        }
    }
}
