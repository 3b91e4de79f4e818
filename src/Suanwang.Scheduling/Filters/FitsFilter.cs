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
        if (job.TotalCards <= 0 && !job.AsksForPflops)
        {
            // The gang's shape does not depend on the pool: test it without building a shape per pool.
            var cards = job.CardsPerNode;
            var nodes = job.Nodes;
            var maxFree = state.PoolMaxNodeFree;
            var count = candidates.Count;
            if (nodes == 1)
            {
                // Some node has the cards free: one comparison, and branch-free so a half-full network costs no mispredictions.
                for (var i = 0; i < count; i++)
                {
                    var p = pools[i];
                    pools[n] = p;
                    n += maxFree[p] >= cards ? 1 : 0;
                }
            }
            else
            {
                var total = cards * nodes;
                for (var i = 0; i < count; i++)
                {
                    var p = pools[i];
                    if (maxFree[p] >= cards && total <= free[p] && state.NodesWithFree(p, cards) >= nodes)
                    {
                        pools[n++] = p;
                    }
                }
            }

            candidates.Truncate(n);
            return;
        }

        var maxNodeFree = state.PoolMaxNodeFree;
        var totalCards = job.TotalCards;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = pools[i];
            if (totalCards > 0 && totalCards <= cpn[p])
            {
                // A trace job that fits on one node of this pool: some node must have all its cards free.
                if (maxNodeFree[p] >= totalCards)
                {
                    pools[n++] = p;
                }

                continue;
            }

            var shape = state.ShapeOn(job, p);
            if (shape.CardsPerNode <= cpn[p] && shape.Cards <= free[p] &&
                (shape.Nodes == 1 ? state.HasNodeWithFree(p, shape.CardsPerNode) : state.NodesWithFree(p, shape.CardsPerNode) >= shape.Nodes))
            {
                pools[n++] = p;
            }
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        if (job.TotalCards <= 0 && !job.AsksForPflops)
        {
            var cards = job.CardsPerNode;
            return job.Nodes == 1
                ? state.PoolMaxNodeFree[pool] >= cards
                : state.PoolMaxNodeFree[pool] >= cards && cards * job.Nodes <= state.PoolFreeCards[pool] && state.NodesWithFree(pool, cards) >= job.Nodes;
        }

        var cpn = state.PoolCardsPerNode[pool];
        if (job.TotalCards > 0 && job.TotalCards <= cpn)
        {
            return state.PoolMaxNodeFree[pool] >= job.TotalCards;
        }

        var shape = state.ShapeOn(job, pool);
        return shape.CardsPerNode <= cpn && shape.Cards <= state.PoolFreeCards[pool] &&
            (shape.Nodes == 1 ? state.HasNodeWithFree(pool, shape.CardsPerNode) : state.NodesWithFree(pool, shape.CardsPerNode) >= shape.Nodes);
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
