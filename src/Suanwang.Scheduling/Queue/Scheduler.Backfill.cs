using Suanwang.Scheduling.Quotes;

namespace Suanwang.Scheduling.Queue;

/// <summary>EASY backfill: the reservation for the first blocked job; when a pool frees enough cards.</summary>
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

    /// <summary>
    /// The earliest time at or after <paramref name="now"/> when <paramref name="pool"/> has
    /// <paramref name="cards"/> cards free, counting its running jobs' expected ends (card
    /// counts, not node layout, as the backfill reservation does); +inf when even the end of every
    /// running job leaves too few. For quotes (see <see cref="IStartEstimator"/>).
    /// </summary>
    public double EarliestStart(int pool, int cards, double now) =>
        FreeAfterEnds(pool, cards, now, out var at) >= cards ? at : double.PositiveInfinity;

    /// <summary>Free cards of <paramref name="pool"/> once running jobs have ended, in order of expected end, until <paramref name="need"/> are free; <paramref name="at"/> is when.</summary>
    private int FreeAfterEnds(int pool, int need, double now, out double at)
    {
        var free = _state.PoolFreeCards[pool];
        at = now;
        if (free >= need)
        {
            return free;
        }

        _ends.Clear();
        foreach (var running in _runningByPool[pool])
        {
            _ends.Add((running.ExpectedEnd, running.Allocation!.Value.Cards));
        }

        _ends.Sort(static (a, b) => a.End.CompareTo(b.End));
        foreach (var (end, cards) in _ends)
        {
            if (free >= need)
            {
                break;
            }

            free += cards;
            at = Math.Max(now, end);
        }

        return free;
    }
}
