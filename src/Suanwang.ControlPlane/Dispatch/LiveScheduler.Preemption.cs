using System.Globalization;
using Suanwang.Core.Jobs;
using Suanwang.Scheduling.State;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>
/// Stopping jobs that checkpoint: preemptible jobs for a waiting job of higher priority, and elastic
/// jobs to resize them. A stopped job is held out of the queue until its site confirms the run has
/// ended (its checkpoint written) and the store has it queued again, or until its grace period and
/// <see cref="DispatchOptions.StopConfirmSlack"/> have passed.
/// </summary>
public sealed partial class LiveScheduler
{
    private readonly List<TrackedJob> _victims = [];
    private int[] _nodeFree = [];

    private bool Checkpoints(TrackedJob tracked) => _specs.TryGetValue(tracked.Id, out var spec) && spec.Checkpoints;

    private void Hold(TrackedJob tracked, double now)
    {
        tracked.Held = true;
        tracked.ResumeAsked = false;
        tracked.HoldUntil = now + _specs[tracked.Id].Grace + _options.StopConfirmSlack.TotalSeconds;
    }

    /// <summary>Held jobs whose stop was not confirmed in time: the plan asks the store to queue them again.</summary>
    private void ReleaseOverdue(double now)
    {
        foreach (var tracked in _jobs.Values)
        {
            if (tracked.Held && !tracked.ResumeAsked && now >= tracked.HoldUntil && tracked.State == JobState.Preempted)
            {
                tracked.ResumeAsked = true;
                _plan.Resumes.Add((tracked.Id, tracked.Fence, "its site did not confirm the stop within the grace period; queued again"));
            }
        }
    }

    /// <summary>After the engine's cycle: preempt for priority, else resize elastic jobs; run the engine again when cards were freed.</summary>
    private void Rebalance(double now)
    {
        if (_specs.Count == 0)
        {
            return;
        }

        if (PreemptForPriority(now) || ResizeElastic(now))
        {
            Apply(_scheduler.RunCycle(now), now);
        }
    }

    // The highest-priority waiting job that some lower-priority running preemptible jobs block: stop
    // the fewest of them (lowest priority first, newest first among equals) that let it fit.
    private bool PreemptForPriority(double now)
    {
        var anyVictim = false;
        foreach (var tracked in _jobs.Values)
        {
            if (IsRunningFor(tracked, now, _options.PreemptAfter) && _specs[tracked.Id].Checkpoints)
            {
                anyVictim = true;
                break;
            }
        }

        if (!anyVictim)
        {
            return false;
        }

        var byPriority = _options.QueuePolicy.StartsWith("priority", StringComparison.OrdinalIgnoreCase);
        TrackedJob? best = null;
        foreach (var tracked in _jobs.Values)
        {
            if (IsWaiting(tracked) && (best is null || Outranks(tracked, best)))
            {
                best = tracked;
            }
        }

        if (best is null)
        {
            return false;
        }

        var waiting = _specs[best.Id];
        var request = best.Job!.Request;
        foreach (var pool in _static.FeasiblePools(request, now))
        {
            if (!_state.SiteUp[_state.PoolSite[pool]] || _state.HeldFromOthers(pool, request.Tenant) > 0)
            {
                continue;
            }

            _victims.Clear();
            foreach (var tracked in _jobs.Values)
            {
                if (tracked.Allocation is { } held && held.Pool == pool && IsRunningFor(tracked, now, _options.PreemptAfter)
                    && _specs[tracked.Id] is { Checkpoints: true } spec && spec.Priority < waiting.Priority
                    && (byPriority || spec.Tenant == waiting.Tenant) && (!waiting.Spot || spec.Spot))
                {
                    _victims.Add(tracked);
                }
            }

            if (_victims.Count == 0)
            {
                continue;
            }

            _victims.Sort((a, b) => _specs[a.Id].Priority != _specs[b.Id].Priority
                ? _specs[a.Id].Priority.CompareTo(_specs[b.Id].Priority)
                : Nullable.Compare(b.StartedAt, a.StartedAt));
            var needed = FreeingThatFits(pool, _state.ShapeOn(request, pool));
            if (needed == 0)
            {
                continue;
            }

            for (var i = 0; i < needed; i++)
            {
                var victim = _victims[i];
                var reason = string.Create(CultureInfo.InvariantCulture, $"preempted for job {best.Id} (priority {waiting.Priority} over {_specs[victim.Id].Priority}); it resumes from its checkpoint");
                StopForCheckpoint(victim, now, reason);
            }

            return true;
        }

        return false;
    }

    // How many of _victims, in order, must go for the shape to fit on the pool; 0 when all of them are not enough.
    private int FreeingThatFits(int pool, JobShape shape)
    {
        var nodes = _state.PoolNodes[pool];
        if (_nodeFree.Length < nodes)
        {
            _nodeFree = new int[nodes];
        }

        var free = _nodeFree.AsSpan(0, nodes);
        _state.NodeFree.AsSpan(_state.PoolNodeStart[pool], nodes).CopyTo(free);
        for (var v = 0; v < _victims.Count; v++)
        {
            _victims[v].Allocation!.Value.ReturnTo(free);
            if (shape.FitsIn(free))
            {
                return v + 1;
            }
        }

        return 0;
    }

    /// <summary>Stops a running job that checkpoints: its cards are freed now, the store is told to requeue it, and it is held until the stop is confirmed.</summary>
    private void StopForCheckpoint(TrackedJob tracked, double now, string reason)
    {
        var cards = tracked.Allocation?.Cards ?? 0;
        var seconds = tracked.StartedAt is { } started ? Math.Max(0, now - (started.ToUnixTimeMilliseconds() / 1000.0)) * cards : 0;
        Detach(tracked);
        _plan.Requeues.Add((tracked.Id, tracked.Fence, seconds, reason));
        tracked.State = JobState.Preempted;
        tracked.StartedAt = null;
        Hold(tracked, now);
    }

    private bool IsRunningFor(TrackedJob tracked, double now, TimeSpan least) =>
        tracked.State == JobState.Running && tracked.Allocation is not null && tracked.Job is { IsRunning: true }
        && tracked.StartedAt is { } started && now - (started.ToUnixTimeMilliseconds() / 1000.0) >= least.TotalSeconds;

    private static bool IsWaiting(TrackedJob tracked) =>
        tracked.Job is { IsRunning: false } && !tracked.Held && !tracked.Parked && tracked.State is JobState.Queued or JobState.Preempted;

    private bool Outranks(TrackedJob a, TrackedJob b)
    {
        var (pa, pb) = (_specs[a.Id].Priority, _specs[b.Id].Priority);
        return pa != pb ? pa > pb : a.Id < b.Id;
    }
}
