using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Keeps pools with free cards for the whole gang: enough nodes each with enough free cards.</summary>
public sealed class FitsFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "Fits";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        var pools = candidates.Raw;
        var free = state.PoolFreeCards;
        var cpn = state.PoolCardsPerNode;
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = pools[i];
            var shape = state.ShapeOn(job, p);
            if (shape.CardsPerNode <= cpn[p] && shape.Cards <= free[p] &&
                (shape.Nodes == 1 ? state.NodesWithFree(p, shape.CardsPerNode) > 0 : state.NodesWithFree(p, shape.CardsPerNode) >= shape.Nodes))
            {
                pools[n++] = p;
            }
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        var shape = state.ShapeOn(job, pool);
        if (shape.CardsPerNode > state.PoolCardsPerNode[pool])
        {
            return Status.Unresolvable($"nodes hold {state.PoolCardsPerNode[pool]} cards, the job needs {shape.CardsPerNode} on one node");
        }

        if (shape.Nodes > state.PoolNodes[pool])
        {
            return Status.Unresolvable($"the pool has {state.PoolNodes[pool]} nodes, the job needs {shape.Nodes}");
        }

        var ready = state.NodesWithFree(pool, shape.CardsPerNode);
        return ready >= shape.Nodes
            ? Status.Success
            : Status.Unschedulable($"{ready} of {shape.Nodes} nodes have {shape.CardsPerNode} free cards now ({state.PoolFreeCards[pool]} of {state.PoolTotalCards[pool]} cards free)");
    }
}
