using Suanwang.Simulation.Elastic;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Simulation;

/// <summary>Elastic runs: resizes keep the work done, and the invariants of every run hold with resizing.</summary>
public sealed class ElasticSimulatorTests
{
    private const string OneNode = """
        name: one-node
        currency: USD
        sites:
          - id: a
            owner: o
            jurisdiction: US
            tier: core
            carbon: 370
            pools: [{ model: T4, cards_per_node: 4, nodes: 1, price: 1 }]
        """;

    private static readonly double[] s_linear = [0, 1, 2, 3, 4];

    // Job a (1,000 iterations, 1 to 4 cards at 1 iteration per card-second) starts alone on all 4
    // cards at t=0. Job b (100 iterations) arrives at t=100 and takes them: a has 600 left, 150 s
    // on 4 cards, b only 25 s. b ends at 125; a resumes, pays its 30 s restart and ends at 305.
    [Fact]
    public void Run_ShortArrival_TakesTheCards_AndThePreemptedJobResumesWithItsWorkKept()
    {
        var trace = Trace(Elastic("a", 0, 1000), Elastic("b", 100, 100));

        var summary = new Simulator(Workloads.Parse(OneNode), trace, new SimulationOptions(Failures: false, RestartSeconds: 30, Elastic: true)).Run().Summary;

        Assert.Equal("elastic", summary.Policy);
        Assert.Equal(2, summary.Jobs.Completed);
        Assert.Equal(1, summary.Jobs.Preemptions);
        Assert.Equal((305 + 25) / 2.0, summary.Jct.MeanS, 6);
        Assert.Equal(305, summary.MakespanS, 6);
    }

    [Fact]
    public void Run_ElasticJobAlone_GrowsToItsMost()
    {
        var trace = Trace(Elastic("a", 0, 1000) with { Elastic = new ElasticProfile(1, 2, 1000, [0, 1, 2, 3, 4]) });

        var summary = new Simulator(Workloads.Parse(OneNode), trace, new SimulationOptions("elastic", Failures: false)).Run().Summary;

        // Capped at its most, 2 cards: 500 s, which is also its elastic lower bound.
        Assert.Equal(500, summary.Jct.MeanS, 6);
        Assert.Equal(500, summary.LowerBound.JctMeanS, 6);
    }

    [Fact]
    public void Run_JobWithoutAProfile_KeepsItsSize()
    {
        var trace = Trace(new TraceJob("rigid", 0, 600, 2, "acme", []));

        var summary = new Simulator(Workloads.Parse(OneNode), trace, new SimulationOptions(Failures: false, Elastic: true)).Run().Summary;

        Assert.Equal(600, summary.Jct.MeanS, 6);
        Assert.Equal(0.5, summary.Utilization, 6);
    }

    [Theory]
    [InlineData("pollux", false)]
    [InlineData("federation", true)]
    public void Run_WithResizing_InvariantsHold(string workload, bool failures)
    {
        var (network, trace) = Workloads.Get(workload);
        var nodeCards = network.Sites.SelectMany(s => s.Pools).Select(p => (p.CardsPerNode, p.Nodes)).ToArray();
        var attained = new double[trace.Jobs.Count];
        var done = new double[trace.Jobs.Count];
        var problems = new List<string>();
        ElasticLedger? last = null;
        var simulator = new Simulator(network, trace, new SimulationOptions(Seed: 3, Failures: failures, RestartSeconds: 30, Elastic: true))
        {
            OnElastic = (now, ledger) =>
            {
                last = ledger;
                Check(now, ledger, nodeCards, attained, done, problems);
            },
        };

        var summary = simulator.Run().Summary;

        Assert.Empty(problems);
        Assert.NotNull(last);
        Assert.Equal(trace.Jobs.Count, summary.Jobs.Completed + summary.Jobs.Rejected);
        for (var j = 0; j < trace.Jobs.Count; j++)
        {
            var work = last.Profiles[j].Work;
            if (last.Finished[j])
            {
                Assert.True(Math.Abs(last.WorkDone[j] - work) <= 1e-6 * work, $"job {j}: did {last.WorkDone[j]} of {work} over {last.Restarts[j]} restarts");
            }
        }

        Assert.Contains(last.Restarts, r => r > 0);
        if (workload == "pollux")
        {
            Assert.Contains(last.Resizes, r => r > 0);
        }
    }

    private static void Check(double now, ElasticLedger ledger, (int CardsPerNode, int Nodes)[] pools, double[] attained, double[] done, List<string> problems)
    {
        var used = new Dictionary<(int Pool, int Node), int>();
        for (var j = 0; j < ledger.Cards.Length; j++)
        {
            if (ledger.Allocation[j] is { } a)
            {
                if (a.Cards != ledger.Cards[j])
                {
                    problems.Add($"t={now}: job {j} holds {a.Cards} cards but is counted on {ledger.Cards[j]}");
                }

                for (var i = 0; i < a.Nodes; i++)
                {
                    var key = (a.Pool, a.Node(i));
                    used[key] = used.GetValueOrDefault(key) + a.CardsPerNode;
                    if (used[key] > pools[a.Pool].CardsPerNode)
                    {
                        problems.Add($"t={now}: node {a.Node(i)} of pool {a.Pool} holds {used[key]} cards");
                    }
                }
            }

            var attainedNow = ledger.AttainedAt(j, now);
            var doneNow = ledger.DoneAt(j, now);
            if (attainedNow < attained[j] - 1e-9 || doneNow < done[j] - 1e-9)
            {
                problems.Add($"t={now}: job {j} went back: attained {attained[j]} -> {attainedNow}, done {done[j]} -> {doneNow}");
            }

            attained[j] = attainedNow;
            done[j] = doneNow;
        }
    }

    private static TraceJob Elastic(string name, double arrival, double work) =>
        new(name, arrival, work, 1, "acme", []) { Elastic = new ElasticProfile(1, 4, work, s_linear) };

    private static Trace Trace(params TraceJob[] jobs) => new("hand", "pollux", "T4", jobs, new Dictionary<string, int>());
}
