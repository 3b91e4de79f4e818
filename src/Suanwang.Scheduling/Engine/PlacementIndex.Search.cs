using System.Runtime.CompilerServices;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.Scores;

namespace Suanwang.Scheduling.Engine;

/// <summary>One decision over the index: the bounds of each cost, then the best-first descent.</summary>
internal sealed partial class PlacementIndex
{
    private readonly int[] _checked;
    private readonly bool[] _feasible;
    private readonly int[] _reps;
    private readonly int[] _live;
    private readonly int[] _cards;
    private readonly double[] _runtime;
    private readonly double[] _transfer;
    private readonly int[] _repCards;

    // Position in the first used list's order of each live class's first feasible pool.
    private readonly int[] _firstFeasible;
    private readonly double[] _repRuntime;
    private readonly double[] _preference;
    private readonly int[][] _scoreLists;
    private readonly int[][] _usedListsOf;
    private int[] _scoreList = [];
    private readonly double[] _top;
    private readonly double[] _scale;
    private readonly double[] _full;
    private readonly bool[] _isFull;
    private int[] _usedLists = [];
    private int _stamp;
    private int _liveCount;
    private int _usedCount;
    private int _bestPool;
    private double _best;

    /// <summary>
    /// The pool the full scan would choose and its score; false when no pool passes every filter.
    /// Call right after <see cref="Covers"/> returned true for the same job.
    /// </summary>
    public bool TryFind(in PlacementRequest job, double now, out int pool, out double score)
    {
        Refresh();
        NextStamp();
        _inputs = job.Inputs;
        Prepare(job);
        ChooseFilters(job);
        _bestPool = -1;
        _best = double.NegativeInfinity;
        if (_liveCount == 0 || !Bounds(job, now))
        {
            pool = -1;
            score = 0;
            return false;
        }

        PrepareBounds();
        Walk(job, now);
        pool = _bestPool;
        score = _best;
        return true;
    }

    /// <summary>Picks the classes of acceptable models and what the job needs on each: gang, run time, preference.</summary>
    private void Prepare(in PlacementRequest job)
    {
        var n = SelectClasses(job);
        _liveCount = n;
        if (n == 0)
        {
            return;
        }

        for (var i = 0; i < n; i++)
        {
            _reps[i] = _grouped[_classStart[_live[i]]];
        }

        // One pool stands for its class: the estimate reads only what the class shares.
        _state.Estimate(job, _reps.AsSpan(0, n), _repCards, _repRuntime, _transfer);
        for (var i = 0; i < n; i++)
        {
            var c = _live[i];
            _cards[c] = _repCards[i];
            _runtime[c] = _repRuntime[i];
            _preference[c] = PreferenceScore.Cost(job.ModelRank, _classModel[c]);
        }

        // The sorted list each score ranks by depends on the job only through spot.
        var spot = job.Spot ? 1 : 0;
        _scoreList = _scoreLists[spot];
        _usedLists = _usedListsOf[spot];
        _usedCount = _usedLists.Length;
    }

    /// <summary>For ordinary (0) and spot (1) jobs: the sorted list each weighted score ranks by (NoList for none), and the lists used, each once.</summary>
    private (int[][] ScoreLists, int[][] UsedLists) RankedLists()
    {
        var scoreLists = new int[2][];
        var usedLists = new int[2][];
        for (var spot = 0; spot < 2; spot++)
        {
            scoreLists[spot] = new int[_scores.Length];
            var used = new List<int>();
            for (var s = 0; s < _scores.Length; s++)
            {
                var list = _scoreKind[s] == PriceList && spot == 1 ? SpotList : _scoreKind[s];
                scoreLists[spot][s] = _weights[s] > 0 ? list : NoList;
                if (scoreLists[spot][s] != NoList && !used.Contains(list))
                {
                    used.Add(list);
                }
            }

            usedLists[spot] = [.. used];
        }

        return (scoreLists, usedLists);
    }

    /// <summary>
    /// The lowest and highest cost of each weighted score over the feasible pools, as the scan's
    /// normalisation sees them; drops classes without a feasible pool. False when none is left.
    /// </summary>
    private bool Bounds(in PlacementRequest job, double now)
    {
        var first = _usedCount > 0 ? _order[_usedLists[0]] : _grouped;
        var n = 0;
        for (var i = 0; i < _liveCount; i++)
        {
            var c = _live[i];
            if (ClassMayPass(job, now, c) && FirstFeasible(job, now, first, _classStart[c], _classStart[c + 1], 1) is var position and >= 0)
            {
                _firstFeasible[c] = position;
                _live[n++] = c;
            }
        }

        _liveCount = n;
        if (n == 0)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            _classLive[_live[i]] = _stamp;
        }

        for (var s = 0; s < _scores.Length; s++)
        {
            var weight = _weights[s];
            if (weight <= 0)
            {
                continue;
            }

            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            var list = _scoreList[s];
            var searched = list == WaitList && _inputs is not null;
            if (searched)
            {
                // Transfer breaks the order by wait: search the trees instead.
                (min, max) = TimeExtremes(job, now);
            }

            if (!searched)
            {
                (min, max) = list == NoList ? PreferenceExtremes() : Extremes(job, now, s, list);
            }

            // As PlacementEngine.Accumulate: 0..100 x weight, the cheapest at 100.
            var range = max - min;
            _isFull[s] = range <= 0;
            _full[s] = 100 * weight;
            _scale[s] = 100 * weight / range;
            _top[s] = max;
        }

        return true;
    }

    /// <summary>Best-first descent of the classes' trees: always open the node with the highest bound, stop when it falls below the best score found.</summary>
    private void Walk(in PlacementRequest job, double now)
    {
        for (var i = 0; i < _specialCount; i++)
        {
            var p = _special[i];
            if (_classLive[_poolClass[p]] == _stamp)
            {
                Visit(job, now, p, _poolClass[p]);
            }
        }

        _heapSize = 0;
        for (var i = 0; i < _liveCount; i++)
        {
            var c = _live[i];
            if (_usedCount == 0)
            {
                // Every pool of the class scores the same: the first feasible in pool order is its best.
                Visit(job, now, _grouped[FirstFeasible(job, now, _grouped, _classStart[c], _classStart[c + 1], 1)], c);
                continue;
            }

            Push(_classRoot[c], c);
        }

        while (_heapSize > 0)
        {
            var top = _heap[0];
            if (_bestPool >= 0 && top.Bound < _best)
            {
                // No pool under any open node can reach the best score, nor tie it.
                return;
            }

            var node = top.Node;
            var c = top.Class;
            var left = _nodeLeft[node];
            if (left >= 0)
            {
                // The left child takes the parent's place at the top; the right one is pushed.
                ReplaceTop(new FrontierEntry(left, c, Bound(left, c)));
                Push(_nodeRight[node], c);
                continue;
            }

            Pop();
            var end = _nodeStart[node] + _nodeCount[node];
            for (var i = _nodeStart[node]; i < end; i++)
            {
                var p = _tree[i];
                if (_inputs is not null && _specialMark[p] == _specialStamp)
                {
                    // Weighed before the descent.
                    continue;
                }

                if (_bestPool >= 0 && PoolBound(p, c) < _best)
                {
                    continue;
                }

                Visit(job, now, p, c);
            }
        }
    }

    private void Visit(in PlacementRequest job, double now, int pool, int c)
    {
        if (!Feasible(job, now, pool))
        {
            return;
        }

        var total = 0.0;
        for (var s = 0; s < _scores.Length; s++)
        {
            total += Term(s, pool, c);
        }

        // Ties go to the earlier pool in network order, as in the scan.
        if (_bestPool < 0 || total > _best || (total == _best && pool < _bestPool))
        {
            _best = total;
            _bestPool = pool;
        }
    }

    /// <summary>Score <paramref name="s"/>'s share of the total on <paramref name="pool"/>, added in the scan's order.</summary>
    private double Term(int s, int pool, int c)
    {
        if (_weights[s] <= 0)
        {
            return 0;
        }

        return _isFull[s] ? _full[s] : (_top[s] - Cost(s, pool, c)) * _scale[s];
    }

    /// <summary>Raw cost of score <paramref name="s"/> on <paramref name="pool"/> of class <paramref name="c"/>, from the plugin's own formula.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Cost(int s, int pool, int c) => _scoreList[s] switch
    {
        WaitList => TimeCost(pool, c),
        PriceList => PriceScore.Cost(_state.PoolPrice[pool], _cards[c], _runtime[c]),
        SpotList => PriceScore.Cost(_state.PoolSpotPrice[pool], _cards[c], _runtime[c]),
        CarbonList => CarbonScore.Cost(_state.PoolWatts[pool], _cards[c], _runtime[c], _state.SiteCarbon[_state.PoolSite[pool]]),
        _ => _preference[c],
    };

    /// <summary>Least raw cost for <paramref name="list"/> of any pool of class <paramref name="c"/> under <paramref name="node"/>: the cost at the least number beneath it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double CostAt(int list, int node, int c) => list switch
    {
        WaitList => CompletionTimeScore.Cost(_nodeLeast[(node * ListCount) + WaitList], TransferAtUplink(_nodeMaxUplink[node]), _runtime[c]),
        PriceList or SpotList => PriceScore.Cost(_nodeLeast[(node * ListCount) + list], _cards[c], _runtime[c]),
        CarbonList => CarbonScore.Cost(_classWatts[c], _cards[c], _runtime[c], _nodeLeast[(node * ListCount) + CarbonList]),
        _ => _preference[c],
    };

    /// <summary>Position of the first feasible pool of <paramref name="order"/> from <paramref name="from"/> towards <paramref name="to"/> (exclusive), or -1.</summary>
    private int FirstFeasible(in PlacementRequest job, double now, int[] order, int from, int to, int step)
    {
        for (var i = from; i != to; i += step)
        {
            if (Feasible(job, now, order[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void NextStamp()
    {
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_checked);
            Array.Clear(_classLive);
            _stamp = 1;
        }
    }
}
