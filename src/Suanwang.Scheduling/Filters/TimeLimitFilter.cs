using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Rejects pools on which the job's expected run time exceeds its time limit (a slower model).</summary>
public sealed class TimeLimitFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "TimeLimit";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        if (double.IsPositiveInfinity(job.TimeLimitSeconds))
        {
            return;
        }

        var pools = candidates.Raw;
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = pools[i];
            if (state.RuntimeOn(job, p) <= job.TimeLimitSeconds)
            {
                pools[n++] = p;
            }
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        double.IsPositiveInfinity(job.TimeLimitSeconds) || state.RuntimeOn(job, pool) <= job.TimeLimitSeconds;

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        var runtime = state.RuntimeOn(job, pool);
        return runtime <= job.TimeLimitSeconds
            ? Status.Success
            : Status.Unresolvable($"expected run time {runtime:0}s on {state.Catalog[state.PoolModel[pool]].Id} exceeds the time limit {job.TimeLimitSeconds:0}s");
    }
}
