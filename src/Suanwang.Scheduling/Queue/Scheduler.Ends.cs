namespace Suanwang.Scheduling.Queue;

/// <summary>When a pool frees enough cards, from its running jobs' expected ends: for backfill and for quotes.</summary>
public sealed partial class Scheduler
{
    // Per pool, the running jobs' expected ends in order and the cards freed by each end
    // (cumulative), rebuilt only after the pool's running jobs change: a quote asks about
    // thousands of full pools, and walking their job objects each time costs cache misses.
    private readonly bool[] _endsFresh;
    private readonly double[][] _endAt;
    private readonly int[][] _freedBy;
    private readonly int[] _endCount;

    /// <summary>
    /// The earliest time at or after <paramref name="now"/> when <paramref name="pool"/> has
    /// <paramref name="cards"/> cards free, counting its running jobs' expected ends (card
    /// counts, not node layout, as the backfill reservation does); +inf when even the end of every
    /// running job leaves too few. Used by quotes (see <see cref="Quotes.IStartEstimator"/>).
    /// </summary>
    public double EarliestStart(int pool, int cards, double now) =>
        FreeAfterEnds(pool, cards, now, out var at) >= cards ? at : double.PositiveInfinity;

    /// <summary>
    /// Free cards of <paramref name="pool"/> at <paramref name="at"/>, the earliest time they
    /// reach <paramref name="need"/> as running jobs end (jobs ending together free their cards
    /// together); when they never do, every running job's cards counted.
    /// </summary>
    private int FreeAfterEnds(int pool, int need, double now, out double at)
    {
        var free = _state.PoolFreeCards[pool];
        at = now;
        if (free >= need)
        {
            return free;
        }

        if (!_endsFresh[pool])
        {
            RebuildEnds(pool);
        }

        var count = _endCount[pool];
        if (count == 0)
        {
            return free;
        }

        var ends = _endAt[pool];
        var freed = _freedBy[pool];
        if (free + freed[count - 1] < need)
        {
            at = Math.Max(now, ends[count - 1]);
            return free + freed[count - 1];
        }

        // The first end by which enough is freed; freed[] is non-decreasing.
        var lo = 0;
        var hi = count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (free + freed[mid] >= need)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        while (lo + 1 < count && ends[lo + 1] == ends[lo])
        {
            lo++;
        }

        at = Math.Max(now, ends[lo]);
        return free + freed[lo];
    }

    private void RebuildEnds(int pool)
    {
        var running = _runningByPool[pool];
        var n = running.Count;
        var ends = _endAt[pool];
        var freed = _freedBy[pool];
        if (ends is null || ends.Length < n)
        {
            var size = Math.Max(4, n * 2);
            ends = _endAt[pool] = new double[size];
            freed = _freedBy[pool] = new int[size];
        }

        for (var i = 0; i < n; i++)
        {
            ends[i] = running[i].ExpectedEnd;
            freed[i] = running[i].Allocation!.Value.Cards;
        }

        Array.Sort(ends, freed, 0, n);
        for (var i = 1; i < n; i++)
        {
            freed[i] += freed[i - 1];
        }

        _endCount[pool] = n;
        _endsFresh[pool] = true;
    }
}
