using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Jobs;
using Suanwang.Scheduling.State;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sites;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Bringing the in-memory scheduler in step with the store.</summary>
public sealed partial class LiveScheduler
{
    /// <summary>
    /// Brings the scheduler in step with the registered sites and the active jobs (oldest first),
    /// restoring held jobs on the devices their records hold. Starts a new plan with any requeues,
    /// devices to record and events the sync needs; <see cref="Cycle"/> adds to it.
    /// </summary>
    public void Sync(IReadOnlyList<SiteRecord> sites, IReadOnlyList<JobRecord> active, double now)
    {
        _plan.Clear();
        if (!_built || !SiteDirectory.SameSites(_sites, sites))
        {
            Rebuild(sites);
        }

        for (var s = 0; s < sites.Count; s++)
        {
            if (_siteIndex.TryGetValue(sites[s].Id, out var index))
            {
                var up = sites[s].Up && !sites[s].Draining;
                if (_state.SiteUp[index] != up)
                {
                    // Not Scheduler.SiteDown: a down site's jobs are requeued in the store by the
                    // failover monitor, and a draining site keeps its running work.
                    _state.SetSiteUp(index, up);
                }
            }
        }

        _pass++;
        foreach (var record in active)
        {
            if (!_jobs.TryGetValue(record.Id, out var tracked))
            {
                if (!_specs.ContainsKey(record.Id))
                {
                    if (record.Document is null)
                    {
                        // Not fetched (see LackingSpecs): tracked by the pass that reads it.
                        continue;
                    }

                    Remember(record);
                }

                tracked = new TrackedJob(record.Id);
                _jobs[record.Id] = tracked;
                tracked.Seen = _pass;
                Track(tracked, record, now);
                continue;
            }

            tracked.Seen = _pass;
            if (tracked.State != record.State || tracked.Fence != record.Fence)
            {
                Reconcile(tracked, record, now);
            }
        }

        ReleaseOverdue(now);
        _gone.Clear();
        foreach (var tracked in _jobs.Values)
        {
            if (tracked.Seen != _pass)
            {
                _gone.Add(tracked.Id);
            }
        }

        foreach (var id in _gone)
        {
            _jobs.Remove(id, out var tracked);
            Detach(tracked!);
        }

        if (_specs.Count > _jobs.Count)
        {
            _gone.Clear();
            foreach (var id in _specs.Keys)
            {
                if (!_jobs.ContainsKey(id))
                {
                    _gone.Add(id);
                }
            }

            foreach (var id in _gone)
            {
                _specs.Remove(id);
                ForgetForbidden(id);
            }
        }
    }

    private void Track(TrackedJob tracked, JobRecord record, double now)
    {
        tracked.State = record.State;
        tracked.Fence = record.Fence;
        tracked.StartedAt = record.StartedAt;
        if (!TryCompile(record, now, out var request, out var reason))
        {
            tracked.Parked = true;
            _plan.Events.Add((record.Id, "unschedulable", reason!));
            return;
        }

        tracked.Job = _scheduler.NewJob(request with { Preemptible = _specs[record.Id].Checkpoints }, record.Id);
        if (record.State is JobState.Placed or JobState.Running)
        {
            Restore(tracked, record, now);
        }
        else if (record.State == JobState.Preempted && Checkpoints(tracked))
        {
            // Stopped before this scheduler saw it: its run may still be writing its checkpoint.
            Hold(tracked, now);
        }
        else
        {
            Enqueue(tracked, now);
        }
    }

    private void Reconcile(TrackedJob tracked, JobRecord record, double now)
    {
        var sameRun = tracked.Fence == record.Fence && tracked.Allocation is not null;
        tracked.State = record.State;
        tracked.Fence = record.Fence;
        tracked.StartedAt = record.StartedAt;
        if (tracked.Job is null)
        {
            return;
        }

        if (record.State is JobState.Queued or JobState.Preempted)
        {
            if (tracked.Allocation is not null)
            {
                // Requeued behind the loop's back (the failover monitor, an admin's preemption):
                // free its cards, queue it again, or hold it while a job that checkpoints stops.
                Detach(tracked);
                if (record.State == JobState.Preempted && Checkpoints(tracked))
                {
                    Hold(tracked, now);
                }
                else
                {
                    Enqueue(tracked, now);
                }
            }
            else if (tracked.Held && record.State == JobState.Queued)
            {
                // Its stopped run has ended (or its grace ran out): it may start again.
                tracked.Held = false;
                Enqueue(tracked, now);
            }

            return;
        }

        if (!sameRun)
        {
            Detach(tracked);
            Restore(tracked, record, now);
        }
    }

    private void Enqueue(TrackedJob tracked, double now)
    {
        tracked.Parked = false;
        tracked.Held = false;
        if (tracked.Cards is int cards && tracked.Job!.Request.CardsPerNode != cards)
        {
            // Resized: the next run asks for the new card count.
            tracked.Job = _scheduler.NewJob(tracked.Job.Request with { CardsPerNode = cards }, tracked.Id);
        }

        var reason = _scheduler.Submit(tracked.Job!, now);
        if (reason is not null)
        {
            tracked.Parked = true;
            _plan.Events.Add((tracked.Id, "unschedulable", reason));
        }
    }

    private void Restore(TrackedJob tracked, JobRecord record, double now)
    {
        var job = tracked.Job!;
        if (RecordedAllocation(record) is { } allocation)
        {
            var start = record.StartedAt is { } started ? started.ToUnixTimeMilliseconds() / 1000.0 : now;
            var runtime = _scheduler.Engine.Describe(job.Request, allocation.Pool).RuntimeSeconds;
            if (_scheduler.Restore(job, allocation, start, start + runtime))
            {
                tracked.Allocation = allocation;
                if (record.Devices is { } held && _devices.Restore(allocation, held))
                {
                    tracked.Devices = held;
                }
                else
                {
                    // Held but its devices never recorded (placed before they were stored with the placement): choose them now.
                    tracked.Devices = _devices.Assign(allocation);
                    _plan.Devices.Add((record.Id, record.Fence, tracked.Devices));
                    _plan.Events.Add((record.Id, PlacementNote.Kind, PlacementNote.Format(record.Site!, record.Pool ?? 0, record.Nodes!, record.CardsPerNode, tracked.Devices, record.Fence)));
                }

                return;
            }
        }

        var reason = $"its recorded placement on site {record.Site} no longer fits the site as registered";
        _plan.Requeues.Add((record.Id, record.Fence, 0, reason));
        tracked.State = JobState.Preempted;
        tracked.StartedAt = null;
        Enqueue(tracked, now);
    }

    private Allocation? RecordedAllocation(JobRecord record)
    {
        if (record.Site is null || record.Pool is not int pool || record.Nodes is null || !_siteIndex.TryGetValue(record.Site, out var site))
        {
            return null;
        }

        var first = _state.SiteFirstPool[site];
        if (pool < 0 || first + pool >= _state.SiteFirstPool[site + 1] || record.CardsPerNode < 1)
        {
            return null;
        }

        var nodes = record.Nodes;
        if (nodes.Count == 0)
        {
            return null;
        }

        return new Allocation(first + pool, record.CardsPerNode, nodes[0], nodes.Count > 1 ? [.. nodes.Skip(1)] : null);
    }

    private void Detach(TrackedJob tracked)
    {
        if (tracked.Job is { } job)
        {
            if (job.IsRunning)
            {
                _scheduler.Finish(job);
            }
            else
            {
                _scheduler.Withdraw(job);
            }
        }

        ReleaseDevices(tracked);
    }
}
