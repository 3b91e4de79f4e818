using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class PriorityQueueTests
{
    private const string OneSite = """
        name: priority
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    // Runs whole-pool jobs one at a time and returns the ids in the order they started.
    private static long[] StartOrder(SchedulerHarness h, int jobs)
    {
        var order = new List<long>();
        for (var i = 0; i < jobs; i++)
        {
            var started = h.Scheduler.RunCycle(100 + i);
            var job = Assert.Single(started).Job;
            order.Add(job.Request.JobId);
            h.Scheduler.Finish(job);
        }

        return [.. order];
    }

    [Fact]
    public void RunCycle_HigherPriority_StartsFirstWhateverItsArrival()
    {
        var h = new SchedulerHarness(OneSite, "priority");
        h.Submit(Job(1, cards: 8, priority: 0));
        h.Submit(Job(2, cards: 8, priority: 5));
        h.Submit(Job(3, cards: 8, priority: -3));
        h.Submit(Job(4, cards: 8, priority: 9));

        Assert.Equal([4, 2, 1, 3], StartOrder(h, 4));
    }

    [Fact]
    public void RunCycle_EqualPriority_StartsInArrivalOrder()
    {
        var h = new SchedulerHarness(OneSite, "priority");
        h.Submit(Job(7, cards: 8, priority: 2));
        h.Submit(Job(5, cards: 8, priority: 2));
        h.Submit(Job(6, cards: 8, priority: 2));
        h.Submit(Job(1, cards: 8, priority: 1));

        Assert.Equal([7, 5, 6, 1], StartOrder(h, 4));
    }

    [Fact]
    public void RunCycle_BlockedHighPriorityJob_HoldsBackLowerPriorityWorkThatFits()
    {
        var h = new SchedulerHarness(OneSite, "priority");
        h.SubmitAndCycle(0, Job(1, cards: 4));
        h.Submit(Job(2, cards: 2, priority: 0));
        h.Submit(Job(3, cards: 6, priority: 1));

        Assert.Empty(h.Cycle(10));

        h.Finish(1);
        Assert.Equal(["start 3 on a/H100-SXM", "start 2 on a/H100-SXM"], h.Cycle(20));
    }
}
