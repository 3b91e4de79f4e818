using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Suanwang.Storage;
using Suanwang.Storage.Health;
using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// Commits the usage journal's records to the store in batches (group commit: while one batch
/// commits, the next gathers), then marks them done in the journal and moves their cost, in the
/// wallets and key limits, from "in the journal" to "in the store". A batch the store refuses is
/// tried again, whole, until it takes (the store ignores record ids it has, so nothing counts
/// twice). At start the records a previous process left in the journal count against their
/// wallets before the first request is taken; at stop what is left is committed if the store
/// allows, and otherwise stays in the journal for the next start.
/// </summary>
public sealed partial class UsageJournalWriter(UsageJournal journal, IStore store, TokenWallets wallets, KeyLimiter limiter, GatewayOptions options, TimeProvider time, ILogger<UsageJournalWriter> logger) : BackgroundService
{
    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(200);

    /// <summary>Records committed since start.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    private long _committed;
    private TaskCompletionSource _batchDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every record written before the call is in the store.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (journal.Backlog > 0)
        {
            var next = Volatile.Read(ref _batchDone).Task;
            if (journal.Backlog == 0)
            {
                return;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var record in journal.Replayed)
        {
            wallets.Journaled(record.Tenant, record.CostNanos);
            limiter.Journaled(record.KeyId, record.PromptTokens + record.CompletionTokens, record.CostNanos);
        }

        if (journal.Replayed.Count > 0)
        {
            LogReplaying(journal.Replayed.Count, journal.Folder);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // What requests appended while the loop stopped; whatever the store does not take now stays in the journal.
        try
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogLeftInJournal(journal.Backlog, journal.Folder);
        }
    }

    /// <summary>Commits every record waiting now; returns how many (for tests and shutdown).</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        var batch = new List<JournalEntry>(options.JournalBatch);
        while (true)
        {
            while (batch.Count < options.JournalBatch && journal.Pending.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count == 0)
            {
                return total;
            }

            await CommitAsync(batch, cancellationToken).ConfigureAwait(false);
            total += batch.Count;
            batch.Clear();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await journal.Pending.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Group commit with a linger: the records of the next moments join this batch, so
                // one wake-up and one store commit serve many requests. The records are in the
                // journal already; the linger only delays their copy into the store. It is wall
                // time on purpose (a test's manual clock must not hold the store back).
                if (options.JournalLinger > TimeSpan.Zero && journal.Backlog < options.JournalBatch)
                {
                    await Task.Delay(options.JournalLinger, TimeProvider.System, stoppingToken).ConfigureAwait(false);
                }

                await DrainAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync commits what is left.
        }
    }

    private async Task CommitAsync(List<JournalEntry> batch, CancellationToken cancellationToken)
    {
        var records = batch.ConvertAll(entry => entry.Record);
        while (true)
        {
            try
            {
                // One write for the batch: one prepared insert (SQLite) or one statement (PostgreSQL).
                await store.RecordTokenUsagesAsync(records, CancellationToken.None).ConfigureAwait(false);
                break;
            }
            catch (StoreUnavailableException ex)
            {
                LogStoreDown(batch.Count, ex.Message);
            }
#pragma warning disable CA1031 // The records stay in the journal and are tried again; money must not be dropped on an error.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(batch.Count, ex.Message);
            }

            await Task.Delay(s_retry, time, cancellationToken).ConfigureAwait(false);
        }

        foreach (var entry in batch)
        {
            var record = entry.Record;
            wallets.Committed(record.Tenant, record.CostNanos);
            limiter.Committed(record.KeyId, record.PromptTokens + record.CompletionTokens, record.CostNanos);
        }

        journal.Committed(batch);
        Interlocked.Add(ref _committed, batch.Count);
        Interlocked.Exchange(ref _batchDone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying {Count} usage records left in the journal in {Folder}")]
    private partial void LogReplaying(int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} usage records wait in the journal in {Folder} for the next start")]
    private partial void LogLeftInJournal(long count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} usage records not committed yet (the store is unavailable: {Reason}); tried again shortly")]
    private partial void LogStoreDown(int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} usage records not committed yet ({Reason}); tried again shortly")]
    private partial void LogFailed(int count, string reason);
}
