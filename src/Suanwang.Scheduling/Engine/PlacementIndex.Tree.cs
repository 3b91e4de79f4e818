namespace Suanwang.Scheduling.Engine;

/// <summary>
/// A k-d tree per class over the four numbers the costs read (wait, price, spot price, carbon),
/// each node holding the least of each number beneath it: since every cost rises with its
/// number, the score at those least numbers bounds the score of every pool under the node.
/// </summary>
internal sealed partial class PlacementIndex
{
    // Leaves small enough that checking their pools costs about what descending one more level does.
    private const int LeafSize = 8;

    private readonly int[] _tree;
    private readonly int[] _classRoot;
    private readonly int[] _nodeStart;
    private readonly int[] _nodeCount;
    private readonly int[] _nodeLeft;
    private readonly int[] _nodeRight;
    private readonly double[] _nodeLeast;
    private readonly double[] _nodeMaxUplink;
    private readonly double[] _keys;
    private readonly double[] _spread;

    // Every pool's four numbers are finite, so a weight of 0 times one of them is 0.
    private bool _keysFinite;
    private int _nodes;

    /// <summary>Builds every class's tree from the numbers as they are now.</summary>
    private void BuildTrees()
    {
        var wait = _state.PoolWaitSeconds;
        for (var p = 0; p < _state.PoolCount; p++)
        {
            _keys[(p * ListCount) + WaitList] = wait[p];
            _keys[(p * ListCount) + PriceList] = _state.PoolPrice[p];
            _keys[(p * ListCount) + SpotList] = _state.PoolSpotPrice[p];
            _keys[(p * ListCount) + CarbonList] = _state.SiteCarbon[_state.PoolSite[p]];
        }

        _keysFinite = true;
        foreach (var key in _keys)
        {
            _keysFinite &= double.IsFinite(key);
        }

        // Spread of each number over the network, so splits compare numbers in different units.
        for (var d = 0; d < ListCount; d++)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var p = 0; p < _state.PoolCount; p++)
            {
                min = Math.Min(min, _keys[(p * ListCount) + d]);
                max = Math.Max(max, _keys[(p * ListCount) + d]);
            }

            _spread[d] = max > min ? max - min : 0;
        }

        _grouped.CopyTo(_tree, 0);
        _nodes = 0;
        for (var c = 0; c < _classCount; c++)
        {
            _classRoot[c] = Build(_classStart[c], _classStart[c + 1] - _classStart[c]);
        }
    }

    private int Build(int start, int count)
    {
        var node = _nodes++;
        _nodeStart[node] = start;
        _nodeCount[node] = count;
        _nodeLeft[node] = -1;
        _nodeRight[node] = -1;
        var split = -1;
        var widest = 0.0;
        for (var d = 0; d < ListCount; d++)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var i = start; i < start + count; i++)
            {
                var key = _keys[(_tree[i] * ListCount) + d];
                min = Math.Min(min, key);
                max = Math.Max(max, key);
            }

            _nodeLeast[(node * ListCount) + d] = min;
            if (_spread[d] > 0 && (max - min) / _spread[d] > widest)
            {
                widest = (max - min) / _spread[d];
                split = d;
            }
        }

        // Uplinks bound the transfer of jobs with inputs; they are not split on, so the other jobs' trees stay as sharp.
        var maxUplink = double.NegativeInfinity;
        for (var i = start; i < start + count; i++)
        {
            maxUplink = Math.Max(maxUplink, _state.SiteUplinkGbps[_state.PoolSite[_tree[i]]]);
        }

        _nodeMaxUplink[node] = maxUplink;
        if (count <= LeafSize || split < 0)
        {
            return node;
        }

        for (var i = start; i < start + count; i++)
        {
            _sortKeys[i] = _keys[(_tree[i] * ListCount) + split];
        }

        Array.Sort(_sortKeys, _tree, start, count);
        var half = count / 2;
        _nodeLeft[node] = Build(start, half);
        _nodeRight[node] = Build(start + half, count - half);
        return node;
    }
}
