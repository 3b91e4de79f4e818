using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Rejects orbital sites that have no link up now: work cannot be handed to a satellite out of contact.</summary>
public sealed class ContactWindowFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "ContactWindow";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        if (!state.HasOrbitalSites)
        {
            return;
        }

        var pools = candidates.Raw;
        var site = state.PoolSite;
        var contact = state.SiteInContact;
        var n = 0;
        var count = candidates.Count;
        for (var i = 0; i < count; i++)
        {
            var p = pools[i];
            pools[n] = p;
            n += contact[site[p]] ? 1 : 0;
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        !state.HasOrbitalSites || state.SiteInContact[state.PoolSite[pool]];

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        var s = state.PoolSite[pool];
        return state.SiteInContact[s]
            ? Status.Success
            : Status.Unschedulable($"orbital site out of contact until t={state.NextContact(s, now):0}s");
    }
}
