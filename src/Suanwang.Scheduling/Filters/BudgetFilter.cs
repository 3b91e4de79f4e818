using System.Globalization;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Rejects pools where the job's expected cost exceeds its budget.</summary>
public sealed class BudgetFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "Budget";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        if (double.IsPositiveInfinity(job.Budget))
        {
            return;
        }

        var pools = candidates.Raw;
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var p = pools[i];
            if (state.CostOn(job, p) <= job.Budget)
            {
                pools[n++] = p;
            }
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        double.IsPositiveInfinity(job.Budget) || state.CostOn(job, pool) <= job.Budget;

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        var cost = state.CostOn(job, pool);
        return cost <= job.Budget
            ? Status.Success
            : Status.Unresolvable(string.Create(CultureInfo.InvariantCulture, $"expected cost {cost:0.00} {state.Network.Currency} exceeds the budget {job.Budget:0.00} {state.Network.Currency}"));
    }
}
