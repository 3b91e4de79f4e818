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

    /// <summary>The cost of one pool; the placement index ranks pools by it, so it is the only formula.</summary>
    public static double Cost(double pricePerCardHour, int cards, double runtimeSeconds) => pricePerCardHour * cards * runtimeSeconds / 3600.0;

    /// <inheritdoc />
    public void Score(in PlacementRequest job, ClusterState state, double now, in CandidateEstimates estimates, Span<double> costs)
    {
        var price = job.Spot ? state.PoolSpotPrice : state.PoolPrice;
        var pools = estimates.Pools;
        var cards = estimates.Cards;
        var runtime = estimates.RuntimeSeconds;
        for (var i = 0; i < pools.Length; i++)
        {
            costs[i] = Cost(price[pools[i]], cards[i], runtime[i]);
        }
    }
}
