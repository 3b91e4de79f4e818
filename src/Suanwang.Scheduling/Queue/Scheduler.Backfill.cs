namespace Suanwang.Scheduling.Queue;

/// <summary>EASY backfill: the reservation for the first blocked job.</summary>
public sealed partial class Scheduler
{
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
            var free = FreeAfterEnds(pool, need, now, out var shadow);
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
