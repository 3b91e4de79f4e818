using StoredPlacement = Suanwang.Storage.Jobs.Placement;
using Suanwang.Core.Jobs;
using Suanwang.Scheduling.Queue;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>Turning the engine's decisions into the pass's plan.</summary>
public sealed partial class LiveScheduler
{
    private void Apply(IReadOnlyList<Decision> decisions, double now)
    {
        foreach (var decision in decisions)
        {
            var tracked = _jobs[decision.Job.Request.JobId];
            switch (decision.Kind)
            {
                case DecisionKind.Started:
                    var allocation = decision.Job.Allocation!.Value;
                    var site = _state.PoolSite[allocation.Pool];
                    var localPool = allocation.Pool - _state.SiteFirstPool[site];
                    var pool = _network.Sites[site].Pools[localPool];
                    var spot = decision.Job.Request.Spot;
                    tracked.Allocation = allocation;
                    tracked.Devices = _devices.Assign(allocation);
                    // The price is recorded with the placement: the run is metered at it even if
                    // the pool's prices change before it ends. A run within its tenant's reserved
                    // block is prepaid: the block was charged in full when bought.
                    var placement = new StoredPlacement(
                        tracked.Id,
                        _network.Sites[site].Id,
                        localPool,
                        NodesOf(allocation),
                        allocation.CardsPerNode,
                        tracked.Devices,
                        decision.Job.InBlock ? 0m : spot ? pool.SpotPricePerCardHour : pool.PricePerCardHour,
                        pool.Currency,
                        spot);
                    _plan.Starts.Add((placement, tracked.Fence));
                    break;
                case DecisionKind.Preempted:
                case DecisionKind.Evicted:
                    var cards = tracked.Allocation?.Cards ?? 0;
                    ReleaseDevices(tracked);
                    var seconds = tracked.StartedAt is { } started ? Math.Max(0, now - started.ToUnixTimeMilliseconds() / 1000.0) * cards : 0;
                    _plan.Requeues.Add((tracked.Id, tracked.Fence, seconds, decision.Reason ?? "preempted"));
                    tracked.State = JobState.Preempted;
                    tracked.StartedAt = null;
                    if (Checkpoints(tracked))
                    {
                        // Out of the queue until its stopped run has written its checkpoint.
                        _scheduler.Withdraw(decision.Job);
                        Hold(tracked, now);
                    }

                    break;
                case DecisionKind.Held:
                    _plan.Events.Add((tracked.Id, "held", decision.Reason ?? "waits for its tenant's cards"));
                    break;
                case DecisionKind.Rejected:
                    tracked.Parked = true;
                    _plan.Events.Add((tracked.Id, "unschedulable", decision.Reason ?? "no site can run the job"));
                    break;
            }
        }

    }
}
