using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.Scores;

namespace Suanwang.Scheduling.Engine;

/// <summary>
/// Jobs with input data. Their completion cost adds the time to bring the inputs to the site. On
/// a site that holds no input and has no link of its own to a site that does, that time depends
/// only on the site's uplink and never rises with it, so a tree node's greatest uplink bounds the
/// transfer of every such pool beneath it. The few other pools (at an input's site, or linked to
/// one) are weighed one by one before any descent, so no pruning can pass over them.
/// </summary>
internal sealed partial class PlacementIndex
{
    // More pools than this whose transfer the uplink does not decide, and the job is scanned.
    private const int MaxSpecial = 64;

    private readonly int[] _special;

    // _specialMark[pool] == _specialStamp: the pool is in _special for the current job.
    private readonly int[] _specialMark;
    private int _specialStamp;
    private int _specialCount;
    private TransferSource[]? _inputs;

    /// <summary>Collects the pools at an input's site or linked to one; false when there are more than <see cref="MaxSpecial"/>.</summary>
    private bool CollectSpecial(TransferSource[]? inputs)
    {
        _specialCount = 0;
        if (inputs is null)
        {
            return true;
        }

        if (++_specialStamp == int.MaxValue)
        {
            Array.Clear(_specialMark);
            _specialStamp = 1;
        }

        foreach (var input in inputs)
        {
            if (input.Site < 0)
            {
                continue;
            }

            if (!AddSpecialSite(input.Site))
            {
                return false;
            }

            foreach (var linked in _state.LinkedSites(input.Site))
            {
                if (!AddSpecialSite(linked))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool AddSpecialSite(int site)
    {
        for (var p = _state.SiteFirstPool[site]; p < _state.SiteFirstPool[site + 1]; p++)
        {
            if (_specialMark[p] == _specialStamp)
            {
                continue;
            }

            if (_specialCount == MaxSpecial)
            {
                return false;
            }

            _specialMark[p] = _specialStamp;
            _special[_specialCount++] = p;
        }

        return true;
    }

    /// <summary>Seconds to bring the inputs to <paramref name="pool"/>, added as <c>ClusterState.TransferSecondsTo</c> adds them.</summary>
    private double TransferTo(int pool)
    {
        if (_inputs is not { } inputs)
        {
            return 0;
        }

        var site = _state.PoolSite[pool];
        double total = 0;
        foreach (var input in inputs)
        {
            total += _state.TransferSeconds(input.Site, site, input.SizeGB);
        }

        return total;
    }

    /// <summary>
    /// Seconds to bring the inputs to an ordinary site (no input there, no link of its own to an
    /// input's site) with <paramref name="uplinkGbps"/>: the formula of <c>ClusterState.TransferSeconds</c>
    /// term by term, so it is never more than the time to any such site with a slower uplink.
    /// </summary>
    private double TransferAtUplink(double uplinkGbps)
    {
        if (_inputs is not { } inputs)
        {
            return 0;
        }

        double total = 0;
        foreach (var input in inputs)
        {
            if (input.SizeGB > 0)
            {
                var gbps = input.Site >= 0 ? Math.Min(_state.SiteUplinkGbps[input.Site], uplinkGbps) : uplinkGbps;
                total += input.SizeGB * 8.0 / gbps;
            }
        }

        return total;
    }

    /// <summary>
    /// The completion cost of the job on <paramref name="pool"/> of class <paramref name="c"/>, transfer
    /// included: on an ordinary pool the transfer follows from its uplink alone, with no link to look up.
    /// </summary>
    private double TimeCost(int pool, int c)
    {
        var transfer = _inputs is null ? 0 : _specialMark[pool] == _specialStamp ? TransferTo(pool) : TransferAtUplink(Uplink(pool));
        return CompletionTimeScore.Cost(_state.PoolWaitSeconds[pool], transfer, _runtime[c]);
    }

    /// <summary>The lowest and highest completion cost over the feasible pools of the live classes, for a job with inputs.</summary>
    private (double Min, double Max) TimeExtremes(in PlacementRequest job, double now)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = 0; i < _specialCount; i++)
        {
            var p = _special[i];
            var c = _poolClass[p];
            if (_classLive[c] == _stamp && Feasible(job, now, p))
            {
                var cost = TimeCost(p, c);
                min = Math.Min(min, cost);
                max = Math.Max(max, cost);
            }
        }

        for (var i = 0; i < _liveCount; i++)
        {
            // A class whose least wait with its fastest uplink cannot go below the lowest found, nor its
            // greatest wait with its slowest uplink above the highest, is not searched.
            var c = _live[i];
            var first = _classStart[c];
            var last = _classStart[c + 1] - 1;
            var byWait = _order[WaitList];
            if (CompletionTimeScore.Cost(_state.PoolWaitSeconds[byWait[first]], TransferAtUplink(Uplink(_byUplink[first])), _runtime[c]) < min)
            {
                min = Threshold(job, now, c, min, lowest: true);
            }

            if (CompletionTimeScore.Cost(_state.PoolWaitSeconds[byWait[last]], TransferAtUplink(Uplink(_byUplink[last])), _runtime[c]) > max)
            {
                max = Threshold(job, now, c, max, lowest: false);
            }
        }

        return (min, max);
    }

    /// <summary>
    /// The lowest (or highest) completion cost in class <paramref name="c"/>, starting from
    /// <paramref name="found"/>, by Fagin's threshold algorithm over the class's pools sorted by
    /// wait and by uplink: walk both orders side by side from the promising end, and stop once
    /// the cost at the wait of one cursor and the uplink of the other (which bounds every pool
    /// not yet seen) cannot improve on what was found.
    /// </summary>
    private double Threshold(in PlacementRequest job, double now, int c, double found, bool lowest)
    {
        var byWait = _order[WaitList];
        var start = _classStart[c];
        var count = _classStart[c + 1] - start;
        for (var k = 0; k < count; k++)
        {
            // Waits ascend and uplinks descend along the orders, so the lowest cost lies towards their start.
            var i = lowest ? start + k : start + count - 1 - k;
            var byWaitPool = byWait[i];
            var byUplinkPool = _byUplink[i];
            found = Improve(job, now, byWaitPool, c, found, lowest);
            found = Improve(job, now, byUplinkPool, c, found, lowest);
            var threshold = CompletionTimeScore.Cost(_state.PoolWaitSeconds[byWaitPool], TransferAtUplink(Uplink(byUplinkPool)), _runtime[c]);
            if (lowest ? threshold >= found : threshold <= found)
            {
                break;
            }
        }

        return found;
    }

    private double Uplink(int pool) => _state.SiteUplinkGbps[_state.PoolSite[pool]];

    private double Improve(in PlacementRequest job, double now, int pool, int c, double found, bool lowest)
    {
        if (!Feasible(job, now, pool))
        {
            return found;
        }

        var cost = TimeCost(pool, c);
        return lowest ? Math.Min(found, cost) : Math.Max(found, cost);
    }
}
