namespace Suanwang.Scheduling.Queue;

/// <summary>EASY backfill: the reservation for the first blocked job.</summary>
public sealed partial class Scheduler
{
    private readonly List<(double End, int Cards)> _ends = [];

    private void Reserve(QueuedJob job, double now)
    {
        // The earliest pool, among those the job may use, where running jobs' expected ends free
        // enough cards. Card counts, not node layout: a shadow time may be optimistic for gangs.
        var bestPool = -1;
        var bestShadow = double.PositiveInfinity;
        var bestExtra = 0;
        foreach (var pool in _static.FeasiblePools(job.Request, now))
        {
            if (!_state.SiteUp[_state.PoolSite[pool]])
            {
                continue;
            }

            var need = _state.ShapeOn(job.Request, pool).Cards;
            var free = _state.PoolFreeCards[pool];
            _ends.Clear();
            foreach (var running in _runningByPool[pool])
            {
                _ends.Add((running.ExpectedEnd, running.Allocation!.Value.Cards));
            }

            _ends.Sort(static (a, b) => a.End.CompareTo(b.End));
            var shadow = now;
            foreach (var (end, cards) in _ends)
            {
                if (free >= need)
                {
                    break;
                }

                free += cards;
                shadow = Math.Max(now, end);
            }

            if (free >= need && shadow < bestShadow)
            {
                bestPool = pool;
                bestShadow = shadow;
                bestExtra = free - need;
            }
        }

        if (bestPool >= 0)
        {
            _reservation.Hold(bestPool, bestShadow, bestExtra);
        }
    }
}
