using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Simulation;

public sealed class SimulatorOrbitTests
{
    // The satellite's link is up for 10 minutes in every 95, from minute 30: [1800 s, 2400 s) + k x 5700 s.
    private const string Orbit = """
        name: orbit
        currency: CNY
        sites:
          - id: ground
            owner: o
            jurisdiction: CN
            tier: edge
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
          - id: sat
            owner: o
            jurisdiction: CN
            tier: orbital
            carbon: 0
            pools: [{ model: Ascend-910B, cards_per_node: 4, nodes: 1, price: 30 }]
        links:
          - sites: [ground, sat]
            bandwidth_gbps: 1
            contact: { period_minutes: 95, open_minutes: 10, offset_minutes: 30 }
        """;

    private static Trace Trace(params TraceJob[] jobs) => new("hand", "philly", "Ascend-910B", jobs, new Dictionary<string, int>());

    private static TraceJob ForSatellite(double arrival) => new("sat-job", arrival, 600, 2, "acme", ["Ascend-910B"]);

    [Theory]
    [InlineData(100, 1800)]
    [InlineData(1799.5, 1800)]
    [InlineData(1800, 1800)]
    [InlineData(2000, 2000)]
    [InlineData(2399, 2399)]
    [InlineData(2400, 7500)]
    [InlineData(7000.25, 7500)]
    public void Run_JobOnlyTheSatelliteCanRun_StartsWhenTheContactWindowOpens(double arrival, double start)
    {
        var (result, checker) = RunChecker.Run(Workloads.Parse(Orbit), Trace(ForSatellite(arrival)), new SimulationOptions(Failures: false));

        Assert.Equal([(0L, start, 1)], checker.Starts);
        Assert.Equal([(0L, start + 600)], checker.Completions);
        Assert.Equal(start - arrival, result.Summary.Wait.MeanS);
    }

    [Fact]
    public void Run_OutOfContact_GroundWorkStartsAtOnceAndTheSatelliteJobWaits()
    {
        // The ground job ends at t=1100, before the window opens, so the wake-up is set after that completion.
        var trace = Trace(new TraceJob("ground-job", 100, 1000, 8, "acme", ["H100-SXM"]), ForSatellite(100));

        var (result, checker) = RunChecker.Run(Workloads.Parse(Orbit), trace, new SimulationOptions(Failures: false));

        Assert.Equal([(0L, 100.0, 0), (1L, 1800.0, 1)], checker.Starts);
        Assert.Equal(2, result.Summary.Jobs.Completed);
    }
}
