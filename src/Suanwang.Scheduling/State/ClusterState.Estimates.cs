using Suanwang.Core.Accelerators;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.State;

/// <summary>What a job would need and cost on a pool: shape, run time, transfer, money, energy.</summary>
public sealed partial class ClusterState
{
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
            total = StandardUnit.CardsFor(job.Pflops, Catalog[PoolModel[pool]]);
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
