using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.Scores;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Engine;

/// <summary>
/// The candidate index behind <see cref="PlacementEngine.TryPlace"/>. Pools are grouped into
/// classes that share a model and a node size, so a job's gang, run time, board power and model
/// preference are the same on every pool of a class; within a class, each ranked cost then
/// depends on one number of the pool alone (queue wait, price, spot price or grid carbon) and
/// never decreases with it. Each class keeps its pools sorted by each of those numbers, and in a
/// k-d tree over all four. A decision finds the cheapest and dearest feasible pool of each class
/// for every cost from the sorted orders (the bounds the scan normalises by), then descends the
/// trees best-first, a node's bound being the score at the least numbers beneath it, and stops
/// once no open node can reach the best score found. Jobs with input data add a transfer time that
/// depends on the site's uplink (see PlacementIndex.Transfer.cs). Feasibility is asked pool by pool of the
/// same filters, scores come from the same formulas, so the choice is the full scan's, ties
/// included.
/// </summary>
internal sealed partial class PlacementIndex
{
    private const int WaitList = 0;
    private const int PriceList = 1;
    private const int SpotList = 2;
    private const int CarbonList = 3;
    private const int ListCount = 4;
    private const int NoList = -1;

    private readonly ClusterState _state;
    private readonly IFilterPlugin[] _filters;
    private readonly IScorePlugin[] _scores;
    private readonly double[] _weights;
    private readonly int _classCount;
    private readonly int[] _classStart;
    private readonly int[] _classModel;
    private readonly int[] _classCountry;

    // True when classes are split by country and every pool's country is in the code table.
    private readonly bool _countriesKnown;
    private readonly int[] _grouped;
    private readonly int[][] _order;
    private readonly double[] _sortKeys;
    private readonly double[] _classWatts;
    private readonly int[] _poolClass;
    private readonly int[] _byUplink;
    private readonly int[] _classLive;

    // The sorted list each score ranks by (PriceList standing for both price lists), or NoList.
    private readonly int[] _scoreKind;
    private int _waitVersion = -1;
    private int _carbonVersion = -1;
    private bool _built;

    /// <summary>
    /// Builds the index over <paramref name="state"/> for <paramref name="profile"/>; sorting waits
    /// for the first decision. With <paramref name="byCountry"/> a class holds one country's pools,
    /// so a job allowed in a few countries walks only theirs.
    /// </summary>
    public PlacementIndex(ClusterState state, SchedulerProfile profile, bool byCountry = false)
    {
        _state = state;
        _filters = [.. profile.Filters];
        _filterKind = [.. _filters.Select(KindOf)];
        _active = new int[_filters.Length];
        _classFilters = [.. Enumerable.Range(0, _filters.Length).Where(f => _filterKind[f] is AcceleratorKind or TimeLimitKind or BudgetKind or FitsKind)];
        _scores = [.. profile.Scores];
        _weights = new double[_scores.Length];
        _scoreKind = new int[_scores.Length];
        Usable = true;
        for (var s = 0; s < _scores.Length; s++)
        {
            _weights[s] = profile.Weights.Of(_scores[s].Objective);
            Usable &= _scores[s] is CompletionTimeScore or PriceScore or CarbonScore or PreferenceScore;
            _scoreKind[s] = _scores[s] switch
            {
                CompletionTimeScore => WaitList,
                PriceScore => PriceList,
                CarbonScore => CarbonList,
                _ => NoList,
            };
        }

        // A class is everything the formulas read from the pool besides the sorted number.
        var classes = new Dictionary<(int Model, int CardsPerNode, double Watts, double Tflops, double Pflops, double Memory, int Country), int>();
        var poolClass = new int[state.PoolCount];
        var sizes = new List<int>();
        var models = new List<int>();
        var countries = new List<int>();
        var watts = new List<double>();
        for (var p = 0; p < state.PoolCount; p++)
        {
            var key = (state.PoolModel[p], state.PoolCardsPerNode[p], state.PoolWatts[p], state.PoolTflops[p], state.PoolPflops[p], state.PoolMemoryGiB[p], byCountry ? state.SiteCountry[state.PoolSite[p]] : -1);
            if (!classes.TryGetValue(key, out var c))
            {
                c = classes.Count;
                classes.Add(key, c);
                sizes.Add(0);
                models.Add(state.PoolModel[p]);
                countries.Add(key.Item7);
                watts.Add(state.PoolWatts[p]);
            }

            poolClass[p] = c;
            sizes[c]++;
        }

        _poolClass = poolClass;
        _classCount = classes.Count;
        _classLive = new int[_classCount];
        _classModel = [.. models];
        _classCountry = [.. countries];
        (_modelClasses, _countryClasses) = GroupClasses(byCountry);
        _countriesKnown = byCountry && !countries.Contains(-1);
        _classStart = new int[_classCount + 1];
        for (var c = 0; c < _classCount; c++)
        {
            _classStart[c + 1] = _classStart[c] + sizes[c];
        }

        _grouped = new int[state.PoolCount];
        var fill = _classStart[..^1];
        for (var p = 0; p < state.PoolCount; p++)
        {
            _grouped[fill[poolClass[p]]++] = p;
        }

        _order = new int[ListCount][];
        for (var l = 0; l < ListCount; l++)
        {
            _order[l] = (int[])_grouped.Clone();
        }

        _sortKeys = new double[state.PoolCount];

        // Uplinks do not change: each class's pools by uplink, fastest first, sorted once.
        _byUplink = (int[])_grouped.Clone();
        for (var i = 0; i < _grouped.Length; i++)
        {
            _sortKeys[i] = -state.SiteUplinkGbps[state.PoolSite[_grouped[i]]];
        }

        for (var c = 0; c < _classCount; c++)
        {
            Array.Sort(_sortKeys, _byUplink, _classStart[c], _classStart[c + 1] - _classStart[c]);
        }

        _tree = new int[state.PoolCount];
        _classRoot = new int[_classCount];
        var nodes = (2 * state.PoolCount) + 2;
        _nodeStart = new int[nodes];
        _nodeCount = new int[nodes];
        _nodeLeft = new int[nodes];
        _nodeRight = new int[nodes];
        _nodeLeast = new double[nodes * ListCount];
        _nodeMaxUplink = new double[nodes];
        _special = new int[MaxSpecial];
        _keys = new double[state.PoolCount * ListCount];
        _spread = new double[ListCount];
        _heap = new FrontierEntry[nodes];
        _specialMark = new int[state.PoolCount];
        _boundBase = new double[_classCount];
        _boundCoef = new double[_classCount * ListCount];
        _classWatts = [.. watts];
        _checked = new int[state.PoolCount];
        _feasible = new bool[state.PoolCount];
        _reps = new int[_classCount];
        _live = new int[_classCount];
        _cards = new int[_classCount];
        _runtime = new double[_classCount];
        _transfer = new double[_classCount];
        _repCards = new int[_classCount];
        _firstFeasible = new int[_classCount];
        _guardLow = new double[_classCount];
        _guardHigh = new double[_classCount];
        _repRuntime = new double[_classCount];
        _preference = new double[_classCount];
        (_scoreLists, _usedListsOf) = RankedLists();
        _top = new double[_scores.Length];
        _scale = new double[_scores.Length];
        _full = new double[_scores.Length];
        _isFull = new bool[_scores.Length];
    }

    /// <summary>False when the profile has a score the index cannot rank; the engine then scans.</summary>
    public bool Usable { get; }

    /// <summary>
    /// Whether the index can decide <paramref name="job"/>: a job with inputs is scanned when too
    /// many pools sit at its inputs' sites or are linked to them (see <see cref="MaxSpecial"/>).
    /// </summary>
    public bool Covers(in PlacementRequest job) => Usable && CollectSpecial(job.Inputs);

    /// <summary>Sorts again whichever orders' numbers changed since the last decision.</summary>
    private void Refresh()
    {
        var changed = !_built || _waitVersion != _state.PoolWaitSeconds.Version || _carbonVersion != _state.CarbonVersion;
        if (!_built)
        {
            Sort(PriceList, _state.PoolPrice);
            Sort(SpotList, _state.PoolSpotPrice);
            _built = true;
        }

        if (_waitVersion != _state.PoolWaitSeconds.Version)
        {
            Sort(WaitList, _state.PoolWaitSeconds.AsSpan());
            _waitVersion = _state.PoolWaitSeconds.Version;
        }

        if (_carbonVersion != _state.CarbonVersion)
        {
            var order = _order[CarbonList];
            var keys = _sortKeys;
            var site = _state.PoolSite;
            var carbon = _state.SiteCarbon;
            for (var i = 0; i < order.Length; i++)
            {
                keys[i] = carbon[site[_grouped[i]]];
            }

            SortByKeys(CarbonList);
            _carbonVersion = _state.CarbonVersion;
        }

        if (changed)
        {
            BuildTrees();
        }
    }

    private void Sort(int list, ReadOnlySpan<double> byPool)
    {
        for (var i = 0; i < _grouped.Length; i++)
        {
            _sortKeys[i] = byPool[_grouped[i]];
        }

        SortByKeys(list);
    }

    private void SortByKeys(int list)
    {
        var order = _order[list];
        _grouped.CopyTo(order, 0);
        for (var c = 0; c < _classCount; c++)
        {
            Array.Sort(_sortKeys, order, _classStart[c], _classStart[c + 1] - _classStart[c]);
        }
    }
}
