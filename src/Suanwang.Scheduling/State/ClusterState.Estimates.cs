using Suanwang.Core.Accelerators;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.State;

/// <summary>What a job would need and cost on a pool: shape, run time, transfer, money, energy.</summary>
public sealed partial class ClusterState
{
    private double[]? _runtimeByModel;
    private double[]? _modelTflops;

    /// <summary>
    /// Cards, run time and input transfer time of the job on each of <paramref name="pools"/>,
    /// written to the start of the given buffers (each at least as long as <paramref name="pools"/>);
    /// the same numbers <see cref="ShapeOn"/>, <see cref="RuntimeOn"/> and <see cref="TransferSecondsTo"/>
    /// give, computed once per decision for every score plugin.
    /// </summary>
    public CandidateEstimates Estimate(in PlacementRequest job, ReadOnlySpan<int> pools, Span<int> cards, Span<double> runtime, Span<double> transfer)
    {
        cards = cards[..pools.Length];
        runtime = runtime[..pools.Length];
        transfer = transfer[..pools.Length];
        if (job.TotalCards <= 0 && !job.AsksForPflops)
        {
            // The common case: the gang's size does not depend on the pool, and run time only on the model.
            cards.Fill(job.CardsPerNode * job.Nodes);
            if (job.ScaleRuntime)
            {
                var byModel = _runtimeByModel ??= new double[Catalog.Count];
                var tflops = _modelTflops ??= [.. Catalog.Models.Select(m => m.Fp16Tflops)];
                var work = job.RuntimeSeconds * job.ReferenceTflops;
                for (var m = 0; m < byModel.Length; m++)
                {
                    byModel[m] = work / tflops[m];
                }

                var model = PoolModel;
                for (var i = 0; i < pools.Length; i++)
                {
                    runtime[i] = byModel[model[pools[i]]];
                }
            }
            else
            {
                runtime.Fill(job.RuntimeSeconds);
            }
        }
        else
        {
            for (var i = 0; i < pools.Length; i++)
            {
                cards[i] = ShapeOn(job, pools[i]).Cards;
                runtime[i] = RuntimeOn(job, pools[i]);
            }
        }

        if (job.Inputs is null)
        {
            transfer.Clear();
        }
        else
        {
            for (var i = 0; i < pools.Length; i++)
            {
                transfer[i] = TransferSecondsTo(job, pools[i]);
            }
        }

        return new CandidateEstimates(pools, cards, runtime, transfer);
    }

    /// <summary>The gang a job needs on <paramref name="pool"/>; jobs that ask for P get the cards that deliver it, laid out on that pool's nodes.</summary>
    public JobShape ShapeOn(in PlacementRequest job, int pool)
    {
        int total;
        if (job.TotalCards > 0)
        {
            total = job.TotalCards;
        }
        else if (job.AsksForPflops)
        {
            total = StandardUnit.CardsFor(job.Pflops, PoolPflops[pool]);
        }
        else
        {
            return new JobShape(job.CardsPerNode, job.Nodes);
        }

        // Fewest nodes that hold the cards, spread evenly.
        var cpn = PoolCardsPerNode[pool];
        if (total <= cpn)
        {
            return new JobShape(total, 1);
        }

        var nodes = (total + cpn - 1) / cpn;
        return new JobShape((total + nodes - 1) / nodes, nodes);
    }

    /// <summary>Run time in seconds on <paramref name="pool"/>, scaled by relative speed unless the job says otherwise.</summary>
    public double RuntimeOn(in PlacementRequest job, int pool)
    {
        if (job.AsksForPflops)
        {
            // The estimate is for exactly the requested P; rounding up to whole cards only helps.
            var delivered = ShapeOn(job, pool).Cards * PoolTflops[pool] / 1000.0;
            return job.RuntimeSeconds * Math.Min(1.0, job.Pflops / delivered);
        }

        return job.ScaleRuntime ? job.RuntimeSeconds * job.ReferenceTflops / PoolTflops[pool] : job.RuntimeSeconds;
    }

    /// <summary>Seconds to bring all the job's inputs to the site of <paramref name="pool"/>.</summary>
    public double TransferSecondsTo(in PlacementRequest job, int pool)
    {
        if (job.Inputs is not { } inputs)
        {
            return 0;
        }

        var site = PoolSite[pool];
        double total = 0;
        foreach (var input in inputs)
        {
            total += TransferSeconds(input.Site, site, input.SizeGB);
        }

        return total;
    }

    /// <summary>Price per card-hour the job pays on <paramref name="pool"/>, base currency.</summary>
    public double PriceOn(in PlacementRequest job, int pool) => job.Spot ? PoolSpotPrice[pool] : PoolPrice[pool];

    /// <summary>Expected cost of running the job on <paramref name="pool"/>, base currency.</summary>
    public double CostOn(in PlacementRequest job, int pool) =>
        PriceOn(job, pool) * ShapeOn(job, pool).Cards * RuntimeOn(job, pool) / 3600.0;

    /// <summary>Expected energy in kWh, at board power.</summary>
    public double EnergyKwhOn(in PlacementRequest job, int pool) =>
        PoolWatts[pool] * ShapeOn(job, pool).Cards * RuntimeOn(job, pool) / 3600.0 / 1000.0;
}
