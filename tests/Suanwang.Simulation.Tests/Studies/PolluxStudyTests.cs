using Suanwang.Simulation.Studies;
using Suanwang.Simulation.Tests.Simulation;
using Suanwang.Simulation.Tests.Traces;

namespace Suanwang.Simulation.Tests.Studies;

public sealed class PolluxStudyTests
{
    // The Pollux testbed: 16 nodes of 4 T4s.
    private const string Testbed = """
        name: pollux-testbed
        currency: USD
        sites:
          - id: us-west
            owner: o
            jurisdiction: US
            tier: core
            carbon: 370
            pools: [{ model: T4, cards_per_node: 4, nodes: 16, price: 0.98, spot_price: 0.39 }]
        """;

    private static readonly Lazy<PolluxStudyResult> s_result = new(() =>
        PolluxStudy.Run(Workloads.Parse(Testbed), Path.Combine(TracePaths.Root, "pollux"), ["fifo", "las"], seed: 1, restartSeconds: 30));

    [Fact]
    public void Run_EveryWorkloadOfEveryLoadUnderEveryPolicy_NoneBeatsItsLowerBound()
    {
        var result = s_result.Value;

        Assert.Equal(PolluxStudy.Loads.Count * 8 * 2, result.Runs.Count);
        Assert.All(result.Runs, r => Assert.True(r.JctMeanS >= r.LowerBoundJctMeanS, $"{r.Policy} load {r.Load} workload {r.Workload}"));
        Assert.All(result.Runs, r => Assert.InRange(r.Utilization, 0, 1));
        Assert.All(result.Runs.Where(r => r.Policy == "fifo"), r => Assert.Equal(0, r.Preemptions));
    }

    [Fact]
    public void Run_HeavyLoad_LeastAttainedServiceBeatsFifo()
    {
        var runs = s_result.Value.Runs.Where(r => r.Load == 2.0).ToList();

        Assert.True(runs.Where(r => r.Policy == "las").Average(r => r.JctMeanS) < runs.Where(r => r.Policy == "fifo").Average(r => r.JctMeanS));
        Assert.Contains(runs, r => r.Policy == "las" && r.Preemptions > 0);
    }

    [Fact]
    public void Render_PutsThePublishedFiguresBesideOursAndSaysWhereTheyComeFrom()
    {
        var page = PolluxStudyMarkdown.Render(s_result.Value, "suanwang study pollux");

        Assert.Contains("| load | fifo | las | Tiresias (published) | Optimus (published) | Pollux (published) | lower bound |", page);
        Assert.Contains("| 1.0 |", page);
        Assert.Contains(" 1.12 h | 1.58 h | 0.76 h |", page);
        Assert.Contains("| 1.5 |", page);
        Assert.Contains("OSDI 2021", page);
        Assert.Contains("## Load 2.0: per workload", page);
        Assert.Contains("0.96 h / 1.47 h / 0.68 h", page);
    }

    [Fact]
    public void Run_FolderWithoutWorkloads_IsAnInputError()
    {
        var empty = Directory.CreateTempSubdirectory().FullName;
        try
        {
            Assert.Throws<Core.Errors.InputException>(() => PolluxStudy.Run(Workloads.Parse(Testbed), empty, ["fifo"], 1, 30));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
