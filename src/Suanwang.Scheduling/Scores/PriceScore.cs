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
    public void Score(in PlacementRequest job, ClusterState state, double now, ReadOnlySpan<int> candidates, Span<double> costs)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            costs[i] = state.CostOn(job, candidates[i]);
        }
    }
}
