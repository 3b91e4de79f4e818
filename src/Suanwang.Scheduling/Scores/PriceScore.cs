using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Scores;

/// <summary>Expected cost of the whole job: price per card-hour x cards x run time on that model.</summary>
public sealed class PriceScore : IScorePlugin
{
    /// <inheritdoc />
    public string Name => "Price";

    /// <inheritdoc />
    public Objective Objective => Objective.Cost;

    /// <inheritdoc />
    public void Score(in PlacementRequest job, ClusterState state, double now, in CandidateEstimates estimates, Span<double> costs)
    {
        var price = job.Spot ? state.PoolSpotPrice : state.PoolPrice;
        var pools = estimates.Pools;
        var cards = estimates.Cards;
        var runtime = estimates.RuntimeSeconds;
        for (var i = 0; i < pools.Length; i++)
        {
            costs[i] = price[pools[i]] * cards[i] * runtime[i] / 3600.0;
        }
    }
}
