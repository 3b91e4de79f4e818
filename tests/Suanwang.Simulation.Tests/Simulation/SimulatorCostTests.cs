using Suanwang.Scheduling.State;
using Suanwang.Simulation.Traces;
using Suanwang.Simulation.Workload;

namespace Suanwang.Simulation.Tests.Simulation;

public sealed class SimulatorCostTests
{
    // One node of 8 H100; run times in the traces below are on H100, so they hold as written.
    private const string OneSite = """
        name: one-site
        currency: CNY
        exchange_rates: { USD: 7.10 }
        sites:
          - id: cn-only
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            reliability: { mtbf_hours: 1, mttr_hours: 1 }
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 12.34, spot_price: 5.55 }]
        """;

    private const string PricedInDollars = """
        name: dollars
        currency: CNY
        exchange_rates: { USD: 7.10 }
        sites:
          - id: kz-only
            owner: o
            jurisdiction: KZ
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 1.5, currency: USD }]
        """;

    private static Trace Trace(params TraceJob[] jobs) => new("hand", "philly", "H100-SXM", jobs, new Dictionary<string, int>());

    private static TraceJob Job(string name, double arrival, double runtime, int cards) => new(name, arrival, runtime, cards, "acme", []);

    [Fact]
    public void Run_OneJob_CostsPriceTimesCardsTimesHours()
    {
        var (result, _) = RunChecker.Run(Workloads.Parse(OneSite), Trace(Job("train", 0, 7200, 4)), new SimulationOptions(Failures: false));
        var summary = result.Summary;

        // 12.34 CNY x 4 cards x 2 h.
        Assert.Equal(98.72m, summary.Cost);
        Assert.Equal("CNY", summary.Currency);
        Assert.Equal(0.7 * 4 * 2, summary.EnergyKwh, 12);
        Assert.Equal(0.7 * 4 * 2 * 0.5, summary.Co2Kg, 12);
        Assert.Equal(7200, summary.MakespanS);
        Assert.Equal(0.5, summary.Utilization);
        Assert.Equal(7200, summary.Jct.MeanS);
        Assert.Equal(0, summary.Wait.MeanS);
        Assert.Equal(0, summary.Sites[0].Failures);
    }

    [Fact]
    public void Run_PoolPricedInAnotherCurrency_CostsAtThePublishedRate()
    {
        var (result, _) = RunChecker.Run(Workloads.Parse(PricedInDollars), Trace(Job("train", 0, 5400, 8)), new SimulationOptions(Failures: false));

        // 1.5 USD x 7.10 = 10.65 CNY per card-hour, x 8 cards x 1.5 h.
        Assert.Equal(127.80m, result.Summary.Cost);
    }

    [Fact]
    public void Run_PreemptedSpotJob_PaysSpotForBothRunsAndTheOtherJobPaysOnDemand()
    {
        var trace = Trace(Job("spot", 0, 3600, 8), Job("urgent", 900, 1800, 8));
        var seed = SeedWhere(trace, spot: [true, false]);

        var (result, checker) = RunChecker.Run(Workloads.Parse(OneSite), trace, new SimulationOptions(Seed: seed, Failures: false, SpotShare: 0.5));
        var summary = result.Summary;

        // The spot job runs 0-900 and is preempted; the other runs 900-2700; the spot job reruns 2700-6300.
        Assert.Equal([(0L, 0.0, 0), (1L, 900.0, 0), (0L, 2700.0, 0)], checker.Starts);
        Assert.Equal(1, summary.Jobs.Preemptions);
        Assert.Equal((5.55m * 8 * 0.25m) + (12.34m * 8 * 0.5m) + (5.55m * 8 * 1m), summary.Cost);
        Assert.Equal(104.86m, summary.Cost);
        Assert.Equal(6300, summary.MakespanS);
        Assert.Equal([1800.0, 6300.0], result.JctSeconds);
    }

    // The first seed under which the workload builder marks exactly the given jobs as spot.
    private static int SeedWhere(Trace trace, bool[] spot)
    {
        var state = new ClusterState(Workloads.Parse(OneSite));
        for (var seed = 1; seed < 1000; seed++)
        {
            var requests = WorkloadBuilder.Build(trace, state, 0.5, seed).Requests;
            if (requests.Select(r => r.Spot).SequenceEqual(spot))
            {
                return seed;
            }
        }

        throw new InvalidOperationException("no seed marks the jobs as wanted");
    }
}
