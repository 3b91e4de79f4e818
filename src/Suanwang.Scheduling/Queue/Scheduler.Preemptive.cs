namespace Suanwang.Scheduling.Queue;

/// <summary>The cycle under a preemptive queue policy (least attained service, shortest remaining time).</summary>
public sealed partial class Scheduler
{
    // Greedy, as Tiresias schedules: each waiting job in the policy's order starts if it fits, or
    // preempts running preemptible jobs the policy ranks below it; a job that can do neither is
    // passed over and the jobs behind it still get their turn.
    private void RunPreemptiveCycle(double now)
    {
        _scan.Clear();
        _queue.Snapshot(_scan, _options.MaxScan);
        foreach (var job in _scan)
        {
            if (OverCap(job))
            {
                continue;
            }

            if (_engine.TryPlace(job.Request, now, out var placement) && TryStart(job, placement, now))
            {
                continue;
            }

            TryPreemptFor(job, now);
        }
    }
}
