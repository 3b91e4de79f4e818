using Suanwang.Core.Errors;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Simulation;

public sealed class SimulatorOptionsTests
{
    private static readonly Trace s_trace = new("hand", "philly", "H100-SXM", [new TraceJob("a", 0, 600, 1, "acme", [])], new Dictionary<string, int>());

    private static InputError Rejected(SimulationOptions options) =>
        Assert.Throws<InputException>(() => new Simulator(Workloads.Parse(Workloads.PolluxYaml), s_trace, options)).Error;

    [Fact]
    public void Constructor_UnknownPolicy_NamesTheFlagAndTheChoices()
    {
        var error = Rejected(new SimulationOptions(Policy: "lifo"));

        Assert.Equal("--policy", error.Field);
        Assert.Equal("'lifo' is not one of fifo, priority, fair-share, backfill, priority-backfill, fair-share-backfill, las, srtf, elastic", error.Message);
    }

    [Theory]
    [InlineData(-1, 60, "--restart-cost")]
    [InlineData(30, 0, "--interval")]
    public void Constructor_NegativeRestartCostOrNoInterval_NamesTheFlag(double restart, double interval, string flag)
    {
        Assert.Equal(flag, Rejected(new SimulationOptions(Policy: "las", RestartSeconds: restart, IntervalSeconds: interval)).Field);
    }

    [Fact]
    public void Constructor_UnknownObjective_NamesTheFlag()
    {
        Assert.Equal("--objective", Rejected(new SimulationOptions(Objective: "speed")).Field);
    }

    [Fact]
    public void Constructor_UnknownPacker_NamesTheFlag()
    {
        Assert.Equal("--packer", Rejected(new SimulationOptions(Packer: "first-fit")).Field);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(2)]
    public void Constructor_SpotShareOutsideZeroToOne_NamesTheFlag(double share)
    {
        var error = Rejected(new SimulationOptions(SpotShare: share));

        Assert.Equal("--spot-share", error.Field);
        Assert.Equal("must be between 0 and 1", error.Message);
    }
}
