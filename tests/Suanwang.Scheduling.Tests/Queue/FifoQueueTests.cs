using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class FifoQueueTests
{
    // Two identical one-node sites; ties go to the earlier site, so "a" fills first.
    private const string TwoSites = """
        name: fifo
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
          - id: b
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    private const string OneSite = """
        name: fifo-one
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    [Fact]
    public void RunCycle_BigJobAtTheHead_BlocksASmallJobThatWouldFit()
    {
        var h = new SchedulerHarness(OneSite);
        Assert.Equal(["start 1 on a/H100-SXM"], h.SubmitAndCycle(0, Job(1, cards: 6)));

        // 2 cards are free: job 3 fits, but job 2 (4 cards) is ahead of it.
        var decisions = h.SubmitAndCycle(10, Job(2, cards: 4), Job(3, cards: 1));

        Assert.Empty(decisions);
        Assert.Equal(2, h.Scheduler.Waiting);
        Assert.Null(h.WhereIs(3));
        Assert.Equal(2, h.State.PoolFreeCards[0]);
    }

    [Fact]
    public void RunCycle_HeadUnblocked_StartsItAndTheJobsBehindInArrivalOrder()
    {
        var h = new SchedulerHarness(OneSite);
        h.SubmitAndCycle(0, Job(1, cards: 6));
        h.SubmitAndCycle(10, Job(2, cards: 4), Job(3, cards: 1));

        h.Finish(1);

        Assert.Equal(["start 2 on a/H100-SXM", "start 3 on a/H100-SXM"], h.Cycle(20));
        Assert.Equal(0, h.Scheduler.Waiting);
        Assert.Equal(5, h.Scheduler.BusyCards);
    }

    [Fact]
    public void RunCycle_WholePoolJobs_StartInArrivalOrderNotIdOrder()
    {
        var h = new SchedulerHarness(OneSite);
        h.SubmitAndCycle(0, Job(30, cards: 8), Job(10, cards: 8), Job(20, cards: 8));

        var order = new List<string>();
        foreach (var id in new long[] { 30, 10 })
        {
            Assert.NotNull(h.WhereIs(id));
            h.Finish(id);
            order.AddRange(h.Cycle(100));
        }

        Assert.Equal(["start 10 on a/H100-SXM", "start 20 on a/H100-SXM"], order);
    }

    [Fact]
    public void RunCycle_EvictedJob_KeepsItsPlaceAheadOfLaterArrivals()
    {
        var h = new SchedulerHarness(TwoSites);
        Assert.Equal(["start 1 on a/H100-SXM", "start 2 on b/H100-SXM"], h.SubmitAndCycle(0, Job(1, cards: 8), Job(2, cards: 8)));
        Assert.Empty(h.SubmitAndCycle(10, Job(3, cards: 8), Job(4, cards: 8)));

        Assert.Equal(["evict 1"], h.SiteDown("a"));
        Assert.Empty(h.Cycle(20));
        h.Finish(2);

        // Job 1 arrived before 3 and 4, so it is first in line for the only free site.
        Assert.Equal(["start 1 on b/H100-SXM"], h.Cycle(30));
        Assert.Equal(2, h.Scheduler.Waiting);
    }

    [Fact]
    public void RunCycle_PreemptedSpotJob_GoesBackInLineByItsArrival()
    {
        var h = new SchedulerHarness(OneSite);
        h.SubmitAndCycle(0, Job(1, cards: 8, spot: true));
        Assert.Equal(["preempt 1", "start 2 on a/H100-SXM"], h.SubmitAndCycle(10, Job(2, cards: 8)));
        h.Submit(Job(3, cards: 8, spot: true), 20);

        h.Finish(2);

        Assert.Equal(["start 1 on a/H100-SXM"], h.Cycle(30));
    }
}
