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

    /// <summary>The cost of one pool; the placement index ranks pools by it, so it is the only formula.</summary>
    public static double Cost(double waitSeconds, double transferSeconds, double runtimeSeconds) => waitSeconds + transferSeconds + runtimeSeconds;

    /// <inheritdoc />
    public void Score(in PlacementRequest job, ClusterState state, double now, in CandidateEstimates estimates, Span<double> costs)
    {
        var wait = state.PoolWaitSeconds;
        var pools = estimates.Pools;
        var transfer = estimates.TransferSeconds;
        var runtime = estimates.RuntimeSeconds;
        for (var i = 0; i < pools.Length; i++)
        {
            costs[i] = Cost(wait[pools[i]], transfer[i], runtime[i]);
        }
    }
}
