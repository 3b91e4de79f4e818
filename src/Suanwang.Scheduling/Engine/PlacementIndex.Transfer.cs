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
            if (Array.IndexOf(_special, p, 0, _specialCount) >= 0)
            {
                continue;
            }

            if (_specialCount == MaxSpecial)
            {
                return false;
            }

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

    /// <summary>The completion cost of the job on <paramref name="pool"/> of class <paramref name="c"/>, transfer included.</summary>
    private double TimeCost(int pool, int c) => CompletionTimeScore.Cost(_state.PoolWaitSeconds[pool], TransferTo(pool), _runtime[c]);

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

        return (SearchTime(job, now, min, lowest: true), SearchTime(job, now, max, lowest: false));
    }

    /// <summary>
    /// Best-first search of the live classes' trees for the lowest (or highest) completion cost,
    /// starting from <paramref name="found"/>; a node is opened only while its bound can improve on it.
    /// </summary>
    private double SearchTime(in PlacementRequest job, double now, double found, bool lowest)
    {
        _heapSize = 0;
        for (var i = 0; i < _liveCount; i++)
        {
            var c = _live[i];
            PushKeyed(_classRoot[c], c, TimeKey(_classRoot[c], c, lowest));
        }

        while (_heapSize > 0)
        {
            var node = _heapNode[0];
            var c = _heapClass[0];

            // Keys are the bound itself when looking for the highest cost and its negation for the lowest, so the top is the most promising node.
            if (lowest ? -_heapBound[0] >= found : _heapBound[0] <= found)
            {
                break;
            }

            Pop();
            if (_nodeLeft[node] >= 0)
            {
                PushKeyed(_nodeLeft[node], c, TimeKey(_nodeLeft[node], c, lowest));
                PushKeyed(_nodeRight[node], c, TimeKey(_nodeRight[node], c, lowest));
                continue;
            }

            var end = _nodeStart[node] + _nodeCount[node];
            for (var i = _nodeStart[node]; i < end; i++)
            {
                var p = _tree[i];
                if (Feasible(job, now, p))
                {
                    found = lowest ? Math.Min(found, TimeCost(p, c)) : Math.Max(found, TimeCost(p, c));
                }
            }
        }

        return found;
    }

    /// <summary>The heap key of <paramref name="node"/>: minus the least completion cost beneath it, or the greatest.</summary>
    private double TimeKey(int node, int c, bool lowest) => lowest
        ? -CompletionTimeScore.Cost(_nodeLeast[(node * ListCount) + WaitList], TransferAtUplink(_nodeMaxUplink[node]), _runtime[c])
        : CompletionTimeScore.Cost(_nodeMaxWait[node], TransferAtUplink(_nodeMinUplink[node]), _runtime[c]);
}
