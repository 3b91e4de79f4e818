using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Keeps pools whose nodes could hold the job's gang when empty; used to reject jobs that can never run.</summary>
public sealed class GangSizeFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "GangSize";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        var pools = candidates.Raw;
        var cpn = state.PoolCardsPerNode;
        var totalCards = job.TotalCards;
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = pools[i];
            if (totalCards > 0 && totalCards <= cpn[p])
            {
                // One node holds the whole job.
                if (state.PoolNodes[p] > 0)
                {
                    pools[n++] = p;
                }

                continue;
            }

            var shape = state.ShapeOn(job, p);
            if (shape.CardsPerNode <= state.PoolCardsPerNode[p] && shape.Nodes <= state.PoolNodes[p])
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

        return shape.Nodes > state.PoolNodes[pool]
            ? Status.Unresolvable($"the pool has {state.PoolNodes[pool]} nodes, the job needs {shape.Nodes}")
            : Status.Success;
    }
}
