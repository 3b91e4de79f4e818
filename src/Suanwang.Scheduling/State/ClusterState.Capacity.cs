namespace Suanwang.Scheduling.State;

/// <summary>
/// Free-capacity buckets per accelerator model: how many of the model's pools have exactly k
/// free cards, kept on every take and give, so the placement index can tell in one read that no
/// pool of a model can hold a gang of a given size.
/// </summary>
public sealed partial class ClusterState
{
    private int[] _modelFreeStart = [];
    private int[] _modelFreePools = [];
    private int[] _modelMaxFree = [];

    /// <summary>Most free cards in any one pool of catalog model <paramref name="model"/>; 0 when it has no pool.</summary>
    public int MaxPoolFreeCards(int model) => _modelMaxFree[model];

    private void BuildCapacityBuckets()
    {
        var models = Catalog.Count;
        var largest = new int[models];
        for (var p = 0; p < PoolCount; p++)
        {
            largest[PoolModel[p]] = Math.Max(largest[PoolModel[p]], PoolTotalCards[p]);
        }

        _modelFreeStart = new int[models + 1];
        for (var m = 0; m < models; m++)
        {
            _modelFreeStart[m + 1] = _modelFreeStart[m] + largest[m] + 1;
        }

        _modelFreePools = new int[_modelFreeStart[models]];
        _modelMaxFree = new int[models];
        for (var p = 0; p < PoolCount; p++)
        {
            var m = PoolModel[p];
            _modelFreePools[_modelFreeStart[m] + PoolFreeCards[p]]++;
            _modelMaxFree[m] = Math.Max(_modelMaxFree[m], PoolFreeCards[p]);
        }
    }

    /// <summary>Moves <paramref name="pool"/> from the bucket of <paramref name="before"/> free cards to that of <paramref name="after"/>.</summary>
    private void MoveFree(int pool, int before, int after)
    {
        var m = PoolModel[pool];
        var start = _modelFreeStart[m];
        _modelFreePools[start + before]--;
        _modelFreePools[start + after]++;
        if (after > _modelMaxFree[m])
        {
            _modelMaxFree[m] = after;
            return;
        }

        var max = _modelMaxFree[m];
        while (max > 0 && _modelFreePools[start + max] == 0)
        {
            max--;
        }

        _modelMaxFree[m] = max;
    }
}
