using Suanwang.Core.Errors;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Workload;

/// <summary>Compiles trace jobs into placement requests for a network.</summary>
public static class WorkloadBuilder
{
    /// <summary>
    /// Builds the workload; <paramref name="spotShare"/> of the jobs, drawn with <paramref name="seed"/>,
    /// become spot work; with <paramref name="preemptible"/> every job checkpoints and may be preempted.
    /// Throws <see cref="InputException"/> when the trace's reference model is unknown.
    /// </summary>
    public static Workload Build(Trace trace, ClusterState state, double spotShare, int seed, bool preemptible = false)
    {
        var catalog = state.Catalog;
        var reference = catalog.IndexOf(trace.ReferenceModel);
        if (reference < 0)
        {
            throw new InputException(trace.Source, 0, "reference model", $"'{trace.ReferenceModel}' is not in the accelerator catalog");
        }

        var referenceTflops = catalog[reference].Fp16Tflops;
        var tenants = new Dictionary<string, int>(StringComparer.Ordinal);
        var tenantNames = new List<string>();
        var masks = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var fastest = new Dictionary<(ulong Mask, int Cards), double>();
        var random = new Random(seed);
        var jobs = trace.Jobs;
        var requests = new PlacementRequest[jobs.Count];
        var alone = new double[jobs.Count];
        var work = new double[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i];
            if (!tenants.TryGetValue(job.Tenant, out var tenant))
            {
                tenant = tenantNames.Count;
                tenants[job.Tenant] = tenant;
                tenantNames.Add(job.Tenant);
            }

            var mask = MaskOf(job.Models, catalog, masks, trace.Source);
            var spot = spotShare > 0 && random.NextDouble() < spotShare;
            requests[i] = new PlacementRequest
            {
                JobId = i,
                Tenant = tenant,
                TotalCards = job.Cards,
                ModelMask = mask,
                RuntimeSeconds = job.RuntimeSeconds,
                ReferenceTflops = referenceTflops,
                ScaleRuntime = true,
                TimeLimitSeconds = double.PositiveInfinity,
                Budget = double.PositiveInfinity,
                AllowedCountries = CountrySet.All,
                Spot = spot,
                Preemptible = preemptible,
                SubmitTime = job.ArrivalSeconds,
            };

            if (!fastest.TryGetValue((mask, job.Cards), out var tflops))
            {
                tflops = FastestTflops(requests[i], state);
                fastest[(mask, job.Cards)] = tflops;
            }

            alone[i] = tflops > 0 ? job.RuntimeSeconds * referenceTflops / tflops : double.PositiveInfinity;
            work[i] = job.RuntimeSeconds * job.Cards * referenceTflops / 1000.0;
        }

        return new Workload(requests, tenantNames, alone, work);
    }

    private static ulong MaskOf(IReadOnlyList<string> models, Core.Accelerators.AcceleratorCatalog catalog, Dictionary<string, ulong> cache, string source)
    {
        if (models.Count == 0)
        {
            return ulong.MaxValue;
        }

        var key = string.Join('|', models);
        if (cache.TryGetValue(key, out var mask))
        {
            return mask;
        }

        foreach (var model in models)
        {
            var m = catalog.IndexOf(model);
            if (m < 0)
            {
                throw new InputException(source, 0, "models", $"'{model}' is not in the accelerator catalog");
            }

            mask |= 1UL << m;
        }

        cache[key] = mask;
        return mask;
    }

    private static double FastestTflops(in PlacementRequest request, ClusterState state)
    {
        double best = 0;
        for (var p = 0; p < state.PoolCount; p++)
        {
            var shape = state.ShapeOn(request, p);
            if (((request.ModelMask >> state.PoolModel[p]) & 1UL) != 0 &&
                shape.CardsPerNode <= state.PoolCardsPerNode[p] && shape.Nodes <= state.PoolNodes[p])
            {
                best = Math.Max(best, state.PoolTflops[p]);
            }
        }

        return best;
    }
}
