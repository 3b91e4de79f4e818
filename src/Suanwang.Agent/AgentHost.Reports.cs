using Suanwang.Agent.Journal;
using Suanwang.Agent.Server;
using Suanwang.Client;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent;

/// <summary>The outbox: reports wait here, in the order they happened, until the server has them.</summary>
public sealed partial class AgentHost
{
    private const int MaxBatchReports = 200;
    private const long MaxBatchLogBytes = 1024 * 1024;

    private readonly List<(RunReport Report, int LogBytes)> _outbox = [];
    private long _pendingLogBytes;

    private void Queue(RunReport report, int logBytes = 0)
    {
        _outbox.Add((report, logBytes));
        _pendingLogBytes += logBytes;
    }

    private bool HasPending(RunKey key, ReportKind kind) =>
        _outbox.Exists(p => p.Report.Kind == kind && p.Report.Job == key.Job && p.Report.Fence == key.Fence);

    private async Task FlushReportsAsync(CancellationToken cancellationToken)
    {
        while (_outbox.Count > 0)
        {
            var count = 0;
            long bytes = 0;
            while (count < _outbox.Count && count < MaxBatchReports && (count == 0 || bytes + _outbox[count].LogBytes <= MaxBatchLogBytes))
            {
                bytes += _outbox[count].LogBytes;
                count++;
            }

            var batch = _outbox.GetRange(0, count).ConvertAll(p => p.Report);
            ReportReply reply;
            try
            {
                reply = await _server.ReportAsync(_siteId!, new ReportBatch(_epoch, batch), cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (!ex.IsUnavailable && ex.Status is not (401 or 403))
            {
                // The server refuses these reports as they are; sending them again would block every later one.
                _log($"the server refused {count} reports, dropping them: {ex.Message}");
                reply = new ReportReply([]);
            }

            _outbox.RemoveRange(0, count);
            _pendingLogBytes -= bytes;
            for (var i = 0; i < batch.Count; i++)
            {
                var report = batch[i];
                var key = new RunKey(report.Job, report.Fence);
                var result = reply.Results is { } results && i < results.Count ? results[i] : null;
                if (result is { Accepted: false })
                {
                    await MarkStaleAsync(key, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (result is { Stop: true } && _runs.TryGetValue(key, out var tracked))
                {
                    await StopRunAsync(tracked, "stopped by the server", cancellationToken).ConfigureAwait(false);
                }

                if (report.Kind is ReportKind.Exited or ReportKind.NotStarted)
                {
                    await CloseAsync(key, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>The server no longer accepts this fence (the job moved or was cancelled): kill the run and say nothing more about it.</summary>
    private async Task MarkStaleAsync(RunKey key, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(key, out var tracked) && !tracked.Stale)
        {
            tracked.Stale = true;
            _log($"job {key.Job}: fence {key.Fence} is stale, the job was moved or cancelled");
            await StopRunAsync(tracked, "the server moved or cancelled the job (stale fence)", cancellationToken).ConfigureAwait(false);
        }

        for (var i = _outbox.Count - 1; i >= 0; i--)
        {
            if (_outbox[i].Report.Job == key.Job && _outbox[i].Report.Fence == key.Fence)
            {
                _pendingLogBytes -= _outbox[i].LogBytes;
                _outbox.RemoveAt(i);
            }
        }

        await CloseAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server has the outcome (or wants none): forget the dispatch, except that it must never start again.</summary>
    private async Task CloseAsync(RunKey key, CancellationToken cancellationToken)
    {
        if (_journal!.Records.TryGetValue(key, out var record) && !record.Closed)
        {
            await _journal.AppendAsync(new JournalEntry(JournalEntry.Closed, key.Job, key.Fence, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        // A stale run stays watched until it is dead; it is dropped when its end is seen.
        if (_runs.TryGetValue(key, out var tracked) && (tracked.Ended || tracked.Run is null))
        {
            _runs.Remove(key);
        }
    }
}
