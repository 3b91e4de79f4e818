using Suanwang.Scheduling.Queue;
using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Simulation;

public sealed class SimulatorDeterminismTests
{
    public static TheoryData<string> Policies => [.. QueuePolicies.Names];

    // The summary as written, without the one figure that measures the machine rather than the run.
    private static string Comparable(SimulationResult result) => SummaryJson.Serialize(result.Summary with { WallSeconds = 0 });

    private static (SimulationResult Result, RunChecker Checker) Run(SimulationOptions options)
    {
        var (network, trace) = Workloads.Get("federation");
        return RunChecker.Run(network, trace, options);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Run_SameSeed_GivesTheSameRun(string policy)
    {
        var options = new SimulationOptions(policy, "balanced", Seed: 5, Failures: true, SpotShare: 0.3);

        var (first, firstChecker) = Run(options);
        var (second, secondChecker) = Run(options);

        Assert.Equal(Comparable(first), Comparable(second));
        Assert.Equal(first.JctSeconds, second.JctSeconds);
        Assert.Equal(first.Utilization, second.Utilization);
        Assert.Equal(first.QueueLength, second.QueueLength);
        Assert.Equal(firstChecker.Starts, secondChecker.Starts);
        Assert.Equal(firstChecker.Completions, secondChecker.Completions);
    }

    [Fact]
    public void Run_DifferentSeedWithFailures_GivesADifferentRun()
    {
        // No spot work: the seed only draws the failures.
        var (first, firstChecker) = Run(new SimulationOptions("fifo", Seed: 5, Failures: true));
        var (second, secondChecker) = Run(new SimulationOptions("fifo", Seed: 6, Failures: true));

        Assert.NotEqual(
            first.Summary.Sites.Select(s => (s.Failures, s.DowntimeS)),
            second.Summary.Sites.Select(s => (s.Failures, s.DowntimeS)));
        Assert.NotEqual(firstChecker.Starts, secondChecker.Starts);
        Assert.NotEqual(Comparable(first with { Summary = first.Summary with { Seed = 0 } }), Comparable(second with { Summary = second.Summary with { Seed = 0 } }));
    }

    [Fact]
    public void Run_DifferentSeedWithNothingRandom_GivesTheSameRun()
    {
        // Without failures or spot work the seed draws nothing, so only the seed field differs.
        var (first, _) = Run(new SimulationOptions("fifo", Seed: 5, Failures: false));
        var (second, _) = Run(new SimulationOptions("fifo", Seed: 6, Failures: false));

        Assert.Equal(Comparable(first with { Summary = first.Summary with { Seed = 0 } }), Comparable(second with { Summary = second.Summary with { Seed = 0 } }));
        Assert.All(first.Summary.Sites, s => Assert.Equal(0, s.Failures));
    }
}
