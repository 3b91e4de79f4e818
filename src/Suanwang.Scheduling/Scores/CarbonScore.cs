using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Scores;

/// <summary>Expected kg CO2: board power x cards x run time x the site's grid intensity now.</summary>
public sealed class CarbonScore : IScorePlugin
{
    /// <inheritdoc />
    public string Name => "Carbon";

    /// <inheritdoc />
    public Objective Objective => Objective.Carbon;

    /// <inheritdoc />
    public void Score(in PlacementRequest job, ClusterState state, double now, ReadOnlySpan<int> candidates, Span<double> costs)
    {
        var carbon = state.SiteCarbon;
        var site = state.PoolSite;
        for (var i = 0; i < candidates.Length; i++)
        {
            var p = candidates[i];
            costs[i] = state.EnergyKwhOn(job, p) * carbon[site[p]] / 1000.0;
        }
    }
}
