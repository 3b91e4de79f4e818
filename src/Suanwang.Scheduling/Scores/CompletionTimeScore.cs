using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Scores;

/// <summary>Expected completion: queue wait estimate + input transfer over the link + run time on that model.</summary>
public sealed class CompletionTimeScore : IScorePlugin
{
    /// <inheritdoc />
    public string Name => "CompletionTime";

    /// <inheritdoc />
    public Objective Objective => Objective.Time;

    /// <inheritdoc />
    public void Score(in PlacementRequest job, ClusterState state, double now, ReadOnlySpan<int> candidates, Span<double> costs)
    {
        var wait = state.PoolWaitSeconds;
        for (var i = 0; i < candidates.Length; i++)
        {
            var p = candidates[i];
            costs[i] = wait[p] + state.TransferSecondsTo(job, p) + state.RuntimeOn(job, p);
        }
    }
}
