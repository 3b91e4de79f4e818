using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Rejects pools at sites that are down.</summary>
public sealed class SiteUpFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "SiteUp";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        var pools = candidates.Raw;
        var up = state.SiteUp;
        var site = state.PoolSite;
        var n = 0;
        var count = candidates.Count;
        for (var i = 0; i < count; i++)
        {
            var p = pools[i];
            pools[n] = p;
            n += up[site[p]] ? 1 : 0;
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        state.SiteUp[state.PoolSite[pool]];

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool) =>
        state.SiteUp[state.PoolSite[pool]] ? Status.Success : Status.Unschedulable("site is down");
}
