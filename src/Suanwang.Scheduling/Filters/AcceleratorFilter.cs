using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Filters;

/// <summary>Keeps pools of an acceptable accelerator model with enough memory per card.</summary>
public sealed class AcceleratorFilter : IFilterPlugin
{
    /// <inheritdoc />
    public string Name => "Accelerator";

    /// <inheritdoc />
    public void Filter(in PlacementRequest job, ClusterState state, double now, ref CandidateSet candidates)
    {
        if (job.ModelMask == ulong.MaxValue && job.MinMemoryGiB <= 0)
        {
            return;
        }

        var pools = candidates.Raw;
        var model = state.PoolModel;
        var memory = state.PoolMemoryGiB;
        var mask = job.ModelMask;
        var minMemory = job.MinMemoryGiB;
        var n = 0;
        var count = candidates.Count;
        for (var i = 0; i < count; i++)
        {
            var p = pools[i];
            pools[n] = p;
            n += (int)((mask >> model[p]) & 1UL) & (memory[p] >= minMemory ? 1 : 0);
        }

        candidates.Truncate(n);
    }

    /// <inheritdoc />
    public bool Passes(in PlacementRequest job, ClusterState state, double now, int pool) =>
        (job.ModelMask == ulong.MaxValue && job.MinMemoryGiB <= 0) ||
        ((((job.ModelMask >> state.PoolModel[pool]) & 1UL) != 0) & (state.PoolMemoryGiB[pool] >= job.MinMemoryGiB));

    /// <inheritdoc />
    public Status Explain(in PlacementRequest job, ClusterState state, double now, int pool)
    {
        var model = state.Catalog[state.PoolModel[pool]];
        if (((job.ModelMask >> state.PoolModel[pool]) & 1UL) == 0)
        {
            return Status.Unresolvable($"accelerator {model.Id} is not one the job accepts");
        }

        return state.PoolMemoryGiB[pool] < job.MinMemoryGiB
            ? Status.Unresolvable($"{model.Id} has {model.MemoryGiB:0.#} GiB per card, the job needs {job.MinMemoryGiB:0.#}")
            : Status.Success;
    }
}
