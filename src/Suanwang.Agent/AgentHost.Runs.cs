using System.Globalization;
using Suanwang.Agent.Backends;
using Suanwang.Agent.Journal;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent;

/// <summary>Starting, watching and stopping runs; taking them up again after a restart.</summary>
public sealed partial class AgentHost
{
    private const string NeverRan = "the agent stopped before the run started; it never ran";

    // Output read ahead of delivery is capped, so a chatty job cannot fill memory while the server is away.
    private const long MaxPendingLogBytes = 4 * 1024 * 1024;

    // Output is read in chunks of this many bytes, fewer when a chunk's JSON would not fit a batch.
    private const int ChunkBytes = 64 * 1024;
    private const int MinChunkBytes = 1024;

    private string FolderOf(RunKey key) =>
        Path.Combine(_workFolder, "jobs", string.Create(CultureInfo.InvariantCulture, $"{key.Job}-{key.Fence}"));

    private async Task AcceptAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        var key = new RunKey(assignment.Job, assignment.Fence);
        if (_runs.TryGetValue(key, out var tracked))
        {
            // The server repeats an assignment until it has the started report; it may have lost one in a crash.
            if (!tracked.Stale && tracked.Run is not null && !HasPending(key, ReportKind.Started))
            {
                Queue(new RunReport(key.Job, key.Fence, ReportKind.Started, tracked.StartedAt));
            }

            return;
        }

        if (_journal!.Records.TryGetValue(key, out var record))
        {
            // Started (and finished) by an earlier run of this agent: say so again, never start it twice.
            if (!HasPending(key, ReportKind.Started) && !HasPending(key, ReportKind.Exited) && !HasPending(key, ReportKind.NotStarted))
            {
                if (record.Handle is not null)
                {
                    Queue(new RunReport(key.Job, key.Fence, ReportKind.Started, record.StartedAt));
                }

                Queue(ExitedReport(record));
            }

            return;
        }

        await StartAsync(assignment, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        var key = new RunKey(assignment.Job, assignment.Fence);
        // Journaled before the backend is asked: if the agent dies in between, the run is found or
        // declared never started, but it is not started a second time.
        await _journal!.AppendAsync(new JournalEntry(JournalEntry.Starting, key.Job, key.Fence, _time.GetUtcNow(), Assignment: assignment), cancellationToken).ConfigureAwait(false);
        IBackendRun run;
        try
        {
            run = await _backend.StartAsync(assignment, FolderOf(key), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OneJobFault(ex, cancellationToken))
        {
            _log($"job {key.Job} (fence {key.Fence}) could not start: {ex.Message}");
            var failed = new TrackedRun(assignment, null, _time.GetUtcNow());
            _runs[key] = failed;
            await EndAsync(failed, RunStatus.Killed($"could not start: {ex.Message}", 0), cancellationToken).ConfigureAwait(false);
            return;
        }

        await _journal.AppendAsync(new JournalEntry(JournalEntry.Started, key.Job, key.Fence, run.StartedAt, Handle: run.Handle), cancellationToken).ConfigureAwait(false);
        _runs[key] = new TrackedRun(assignment, run, run.StartedAt);
        Queue(new RunReport(key.Job, key.Fence, ReportKind.Started, run.StartedAt));
        _log($"job {key.Job} (fence {key.Fence}) started: {_backend.Name} {run.Handle}");
    }

    // Watches every run; a fault while watching one fails that run and the others go on.
    private async Task PollRunsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await PollEachRunAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (_watching is { } tracked && OneJobFault(ex, cancellationToken))
            {
                _watching = null;
                await FailAsync(tracked, "the agent could not watch the run", ex, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PollEachRunAsync(CancellationToken cancellationToken)
    {
        foreach (var tracked in _runs.Values.ToList())
        {
            if (tracked.PendingExit is { } exit && !tracked.Ended)
            {
                // Ended under an earlier agent process: its output goes out again before its exit.
                if (tracked.Tail is null || await ReadOutputAsync(tracked, ended: true, cancellationToken).ConfigureAwait(false))
                {
                    tracked.Ended = true;
                    Queue(ExitedReport(exit));
                }

                continue;
            }

            if (tracked.Ended || tracked.Run is null)
            {
                continue;
            }

            _watching = tracked;

            RunStatus status;
            try
            {
                status = await tracked.Run.PollAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                _log($"job {tracked.Key.Job} (fence {tracked.Key.Fence}): cannot look at the run: {ex.Message}");
                continue;
            }

            if (tracked.Stale)
            {
                if (status.Ended)
                {
                    tracked.Ended = true;
                    _runs.Remove(tracked.Key);
                    await _journal!.AppendAsync(EndedEntry(tracked, status), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            // Everything the job wrote goes out before its exit.
            var drained = await ReadOutputAsync(tracked, status.Ended, cancellationToken).ConfigureAwait(false);
            if (status.Ended && drained)
            {
                await EndAsync(tracked, status, cancellationToken).ConfigureAwait(false);
            }
        }

        _watching = null;
    }

    /// <summary>
    /// Queues the run's new output as log reports, each small enough as JSON for a batch of its own,
    /// up to the server's per-job cap; false when the read-ahead limit stopped it short.
    /// </summary>
    private async Task<bool> ReadOutputAsync(TrackedRun tracked, bool ended, CancellationToken cancellationToken)
    {
        var tail = tracked.Tail!;
        var chunkBytes = ChunkBytes;
        while (true)
        {
            if (_pendingLogBytes >= MaxPendingLogBytes)
            {
                return false;
            }

            // Output past the cap is not sent: the exited report's byte count tells the server how much there was.
            var start = tracked.Assignment.LogOffset ?? 0;
            var room = _maxJobLogBytes - start - tail.Offset;
            var chunk = room <= 0 ? null : await tail.ReadAsync(ended, (int)Math.Min(chunkBytes, room), cancellationToken).ConfigureAwait(false);
            if (chunk is null)
            {
                return true;
            }

            var report = new RunReport(tracked.Key.Job, tracked.Key.Fence, ReportKind.Log, _time.GetUtcNow(), Offset: start + chunk.Offset, Text: chunk.Text);
            var size = EncodedSize(report);
            if (size > ReportBudget && chunk.Bytes > MinChunkBytes)
            {
                // Escapes can make text up to six times its bytes (a control byte is \u0001): read less.
                tail.Rewind(chunk.Offset);
                chunkBytes = Math.Max(MinChunkBytes, chunk.Bytes / 2);
                continue;
            }

            Queue(new OutboxItem(report, chunk.Bytes, size));
            chunkBytes = ChunkBytes;
        }
    }

    private async Task EndAsync(TrackedRun tracked, RunStatus status, CancellationToken cancellationToken)
    {
        var entry = EndedEntry(tracked, status);
        await _journal!.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        tracked.Ended = true;
        Queue(ExitedReport(entry));
        _log(entry.ExitCode is { } code
            ? $"job {tracked.Key.Job} (fence {tracked.Key.Fence}) exited with code {code}"
            : $"job {tracked.Key.Job} (fence {tracked.Key.Fence}) ended: {entry.Reason}");
    }

    private JournalEntry EndedEntry(TrackedRun tracked, RunStatus status)
    {
        var now = _time.GetUtcNow();
        var seconds = status.WallSeconds ?? Math.Max(0, (now - tracked.StartedAt).TotalSeconds);
        return new JournalEntry(JournalEntry.Ended, tracked.Key.Job, tracked.Key.Fence, now, ExitCode: status.ExitCode, AcceleratorSeconds: tracked.Cards * seconds, Reason: status.Reason, OutputBytes: tracked.Tail?.FileLength() + (tracked.Assignment.LogOffset ?? 0));
    }

    private static RunReport ExitedReport(JournalEntry ended) =>
        ended.ExitCode is null && ended.Reason == NeverRan
            ? new RunReport(ended.Job, ended.Fence, ReportKind.NotStarted, ended.At, AcceleratorSeconds: 0, Reason: NeverRan)
            : new RunReport(ended.Job, ended.Fence, ReportKind.Exited, ended.At, ExitCode: ended.ExitCode, AcceleratorSeconds: ended.AcceleratorSeconds ?? 0, Reason: ended.ExitCode is null ? ended.Reason ?? "ended without an exit code" : null, OutputBytes: ended.OutputBytes);

    private static RunReport ExitedReport(JournalRecord record) =>
        record.Ended is { } ended
            ? ExitedReport(ended)
            : new RunReport(record.Assignment.Job, record.Assignment.Fence, ReportKind.NotStarted, record.StartedAt, AcceleratorSeconds: 0, Reason: NeverRan);

    private async Task StopRunAsync(TrackedRun tracked, string reason, CancellationToken cancellationToken)
    {
        if (tracked.Run is null || tracked.Ended)
        {
            return;
        }

        _log($"job {tracked.Key.Job} (fence {tracked.Key.Fence}): stopping ({reason})");
        try
        {
            await tracked.Run.StopAsync(reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OneJobFault(ex, cancellationToken))
        {
            // The run goes on being watched; the next stop order or its time limit tries again.
            _log($"job {tracked.Key.Job} (fence {tracked.Key.Fence}): could not stop: {ex.Message}");
        }
    }

    /// <summary>Takes up the dispatches an earlier agent process left open in the journal.</summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, record) in _journal!.Records)
        {
            if (record.Closed)
            {
                // Closed without an end: its fence went stale and it was being killed when the agent stopped.
                if (record.Ended is null && record.Handle is not null)
                {
                    await KillStaleLeftoverAsync(key, record, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (record.Ended is { } ended)
            {
                // Its outcome never reached the server: deliver it now, after its output (which the
                // server may have only part of), read again from the start like a run taken up.
                if (record.Handle is not null)
                {
                    _runs[key] = new TrackedRun(record.Assignment, null, record.StartedAt, Path.Combine(FolderOf(key), LocalBackend.OutputFile)) { PendingExit = ended };
                    Queue(new RunReport(key.Job, key.Fence, ReportKind.Started, record.StartedAt));
                    continue;
                }

                _runs[key] = new TrackedRun(record.Assignment, null, record.StartedAt) { Ended = true };
                Queue(ExitedReport(ended));
                continue;
            }

            IBackendRun? run;
            try
            {
                run = await _backend.ReattachAsync(record.Assignment, FolderOf(key), record.Handle, record.StartedAt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (OneJobFault(ex, cancellationToken))
            {
                var lost = new TrackedRun(record.Assignment, null, record.StartedAt);
                _runs[key] = lost;
                if (record.Handle is not null)
                {
                    Queue(new RunReport(key.Job, key.Fence, ReportKind.Started, record.StartedAt));
                }

                await FailAsync(lost, "the agent could not take the run up again after a restart", ex, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (run is null)
            {
                var never = new TrackedRun(record.Assignment, null, record.StartedAt);
                _runs[key] = never;
                var entry = new JournalEntry(JournalEntry.Ended, key.Job, key.Fence, _time.GetUtcNow(), AcceleratorSeconds: 0, Reason: NeverRan);
                await _journal.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
                never.Ended = true;
                Queue(ExitedReport(entry));
                continue;
            }

            if (record.Handle is null)
            {
                await _journal.AppendAsync(new JournalEntry(JournalEntry.Started, key.Job, key.Fence, run.StartedAt, Handle: run.Handle), cancellationToken).ConfigureAwait(false);
            }

            // Output is sent again from the start with the same offsets; the server keeps what it has.
            _runs[key] = new TrackedRun(record.Assignment, run, run.StartedAt);
            Queue(new RunReport(key.Job, key.Fence, ReportKind.Started, run.StartedAt));
            _log($"job {key.Job} (fence {key.Fence}) taken up again after a restart: {_backend.Name} {run.Handle}");
        }
    }

    private async Task KillStaleLeftoverAsync(RunKey key, JournalRecord record, CancellationToken cancellationToken)
    {
        IBackendRun? run;
        try
        {
            run = await _backend.ReattachAsync(record.Assignment, FolderOf(key), record.Handle, record.StartedAt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OneJobFault(ex, cancellationToken))
        {
            // Its outcome is the server's no longer; all that is lost is the chance to kill a leftover.
            _log($"job {key.Job} (fence {key.Fence}): could not find the stale run to kill it: {ex.Message}");
            return;
        }

        if (run is null)
        {
            return;
        }

        var tracked = new TrackedRun(record.Assignment, run, run.StartedAt) { Stale = true };
        _runs[key] = tracked;
        await run.StopAsync("the server moved or cancelled the job (stale fence)", cancellationToken).ConfigureAwait(false);
    }
}
