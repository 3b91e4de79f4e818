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

    /// <summary>The cost of one pool; the placement index ranks pools by it, so it is the only formula.</summary>
    public static double Cost(double watts, int cards, double runtimeSeconds, double gramsPerKwh) => watts * cards * runtimeSeconds / 3600.0 / 1000.0 * gramsPerKwh / 1000.0;

    /// <inheritdoc />
    public void Score(in PlacementRequest job, ClusterState state, double now, in CandidateEstimates estimates, Span<double> costs)
    {
        var carbon = state.SiteCarbon;
        var site = state.PoolSite;
        var watts = state.PoolWatts;
        var pools = estimates.Pools;
        var cards = estimates.Cards;
        var runtime = estimates.RuntimeSeconds;
        for (var i = 0; i < pools.Length; i++)
        {
            var p = pools[i];
            costs[i] = Cost(watts[p], cards[i], runtime[i], carbon[site[p]]);
        }
    }
}
