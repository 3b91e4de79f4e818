using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>
/// Reserved blocks: while a block is in force its cards are held for its tenant, so another
/// tenant's job fits a pool only in its free cards less what other tenants' blocks still hold.
/// The block's own tenant is exempt from its block (see <see cref="ClusterState.HeldFromOthers"/>).
/// </summary>
public sealed class BlockFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "ReservedBlock";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        if (!state.HasBlocks)
        {
            return;
        }

        var pools = candidates.Raw;
        var held = state.PoolHeldCards;
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = pools[i];
            if (held[p] == 0 || Fits(job, state, p))
            {
                pools[n++] = p;
            }
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        !state.HasBlocks || state.PoolHeldCards[pool] == 0 || Fits(job, state, pool);

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        if (Fits(job, state, pool))
        {
            return Status.Success;
        }

        var others = state.HeldFromOthers(pool, job.Tenant);
        return Status.Unschedulable(
            $"{others} of the pool's {state.PoolFreeCards[pool]} free cards are held by other tenants' reserved blocks; the job needs {state.ShapeOn(job, pool).Cards}");
    }

    private static bool Fits(in PlacementRequest job, ClusterState state, int pool)
    {
        var others = state.HeldFromOthers(pool, job.Tenant);
        return others == 0 || state.ShapeOn(job, pool).Cards <= state.PoolFreeCards[pool] - others;
    }
}
