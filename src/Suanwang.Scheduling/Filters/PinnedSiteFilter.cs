using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Keeps only the pools of the site a job is pinned to (it was ordered from that site's offer).</summary>
public sealed class PinnedSiteFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "PinnedSite";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        var pinned = job.PinnedSite;
        if (pinned < 0)
        {
            return;
        }

        var pools = candidates.Raw;
        var site = state.PoolSite;
        var n = 0;
        var count = candidates.Count;
        for (var i = 0; i < count; i++)
        {
            var p = pools[i];
            pools[n] = p;
            n += site[p] == pinned ? 1 : 0;
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        job.PinnedSite < 0 || state.PoolSite[pool] == job.PinnedSite;

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool) =>
        job.PinnedSite < 0 || state.PoolSite[pool] == job.PinnedSite
            ? Status.Success
            : Status.Unresolvable($"pinned to site {state.Network.Sites[job.PinnedSite].Id} by its order");
}
