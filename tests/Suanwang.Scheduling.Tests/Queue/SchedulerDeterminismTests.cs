using Suanwang.Scheduling.Queue;
using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class SchedulerDeterminismTests
{
    private const string Network = """
        name: determinism
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools:
              - { model: H100-SXM, cards_per_node: 8, nodes: 2, price: 20, spot_price: 8 }
              - { model: T4, cards_per_node: 4, nodes: 2, price: 2 }
          - id: b
            owner: o
            jurisdiction: CN
            tier: hub
            carbon: 300
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 2, price: 12, spot_price: 5 }]
        """;

    private static readonly int[] s_cards = [1, 1, 2, 2, 4, 8, 12];
    private static readonly string?[] s_models = [null, null, "H100-SXM", "A100-80GB", "T4"];

    public static TheoryData<string> Policies => [.. QueuePolicies.Names];

    // Replays the same seeded script of arrivals, completions and a site failure; returns every decision.
    private static List<string> Replay(string policy, int seed)
    {
        var h = new SchedulerHarness(Network, policy);
        var random = new Random(seed);
        var log = new List<string>();
        var jobs = new List<QueuedJob>();
        var now = 0.0;
        var next = 0;
        var down = -1;
        for (var step = 0; step < 400 && (next < 150 || h.Scheduler.Running + h.Scheduler.Waiting > 0); step++)
        {
            var arrival = next < 150 ? now + random.Next(1, 300) : double.PositiveInfinity;
            var finishing = jobs.Where(j => j.IsRunning).OrderBy(j => j.ExpectedEnd).ThenBy(j => j.Sequence).FirstOrDefault();
            if (finishing is not null && finishing.ExpectedEnd <= arrival)
            {
                now = finishing.ExpectedEnd;
                h.Scheduler.Finish(finishing);
                log.Add($"t={now} finish {finishing.Request.JobId}");
            }
            else
            {
                now = arrival;
                var request = Job(
                    next++,
                    s_cards[random.Next(s_cards.Length)],
                    runtime: random.Next(60, 3000),
                    tenant: random.Next(3),
                    priority: random.Next(3),
                    spot: random.NextDouble() < 0.3,
                    model: s_models[random.Next(s_models.Length)]);
                var job = h.Scheduler.NewJob(request);
                if (h.Scheduler.Submit(job, now) is { } reason)
                {
                    log.Add($"t={now} reject {request.JobId}: {reason}");
                }

                jobs.Add(job);
                h.Track(job);
            }

            // Site b fails once, at the first step after 100 when it holds work, and returns 40 steps later.
            if (down < 0 && step >= 100 && jobs.Any(j => h.WhereIs(j.Request.JobId) == "b/A100-80GB"))
            {
                down = step;
                log.AddRange(h.SiteDown("b").Select(d => $"t={now} {d}"));
            }
            else if (step == down + 40)
            {
                h.SiteUp("b");
            }

            foreach (var d in h.Scheduler.RunCycle(now))
            {
                var nodes = d.Job.Allocation is { } a ? string.Join(',', Enumerable.Range(0, a.Nodes).Select(a.Node)) : "-";
                log.Add($"t={now} {d.Kind} {d.Job.Request.JobId} pool={d.Placement.Pool} shape={d.Placement.Shape} nodes={nodes}");
            }
        }

        return log;
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void RunCycle_SameCallsInTheSameOrder_GiveTheSameDecisions(string policy)
    {
        var first = Replay(policy, seed: 11);
        var second = Replay(policy, seed: 11);

        Assert.Equal(first, second);
        Assert.Contains(first, line => line.Contains(" Started ", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains(" Preempted ", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains(" evict ", StringComparison.Ordinal));
        Assert.Contains(first, line => line.Contains(" reject ", StringComparison.Ordinal));
    }

    [Fact]
    public void RunCycle_DifferentScript_GivesDifferentDecisions()
    {
        Assert.NotEqual(Replay("fifo", seed: 11), Replay("fifo", seed: 12));
    }
}
