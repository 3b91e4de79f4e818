using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Simulation;

public sealed class SimulatorStallTests
{
    private const string OneSite = """
        name: one-site
        currency: CNY
        sites:
          - id: cn-only
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    private static Trace Trace(params TraceJob[] jobs) => new("hand", "philly", "H100-SXM", jobs, new Dictionary<string, int>());

    [Fact]
    public void New_MaxScanZero_IsAnInputErrorNamingTheFlag()
    {
        // A backfill scan of zero jobs would never try the queue: the run could only stall.
        var trace = Trace(new TraceJob("a", 0, 600, 1, "acme", []));

        var error = Assert.Throws<Core.Errors.InputException>(
            () => new Simulator(Workloads.Parse(OneSite), trace, new SimulationOptions("backfill", Failures: false, MaxScan: 0)));

        Assert.Equal("--max-scan", error.Error.Field);
        Assert.Equal("must be at least 1", error.Error.Message);
    }

    [Fact]
    public void Run_EmptyTrace_EndsAtOnceWithNothingCounted()
    {
        var result = new Simulator(Workloads.Parse(OneSite), Trace(), new SimulationOptions(Failures: true)).Run();

        Assert.Equal(0, result.Summary.Jobs.Submitted);
        Assert.Equal(0, result.Summary.MakespanS);
        Assert.Equal(0m, result.Summary.Cost);
    }
}
