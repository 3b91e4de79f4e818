using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Scores;

/// <summary>The job's own order of preferred models: its first choice costs 0, its second 1, and so on.</summary>
public sealed class PreferenceScore : IScorePlugin
{
    /// <inheritdoc />
    public string Name => "Preference";

    /// <inheritdoc />
    public Objective Objective => Objective.Preference;

    /// <summary>The cost of a pool of <paramref name="model"/>: its place in <paramref name="rank"/>, 0 when the job ranks none.</summary>
    public static double Cost(byte[]? rank, int model) => rank is null ? 0 : rank[model];

    /// <inheritdoc />
    public void Score(in PlacementRequest job, ClusterState state, double now, in CandidateEstimates estimates, Span<double> costs)
    {
        var candidates = estimates.Pools;
        if (job.ModelRank is not { } rank)
        {
            costs[..candidates.Length].Clear();
            return;
        }

        var model = state.PoolModel;
        for (var i = 0; i < candidates.Length; i++)
        {
            costs[i] = rank[model[candidates[i]]];
        }
    }
}
