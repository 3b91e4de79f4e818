using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class SiteFailureTests
{
    private const string TwoSites = """
        name: failures
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

    private const string Solo = """
        name: solo
        currency: CNY
        sites:
          - id: solo-site
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    [Fact]
    public void SiteDown_EvictsEveryRunningJobBackToTheQueue()
    {
        var h = new SchedulerHarness(TwoSites);
        h.SubmitAndCycle(0, Job(1, cards: 4), Job(2, cards: 4), Job(3, cards: 2));
        Assert.Equal("b/H100-SXM", h.WhereIs(3));

        var decisions = h.SiteDown("a");

        Assert.Equal(["evict 2", "evict 1"], decisions);
        Assert.False(h[1].IsRunning);
        Assert.Equal(2, h.Scheduler.Waiting);
        Assert.Equal(1, h.Scheduler.Running);
        Assert.Equal(2, h.Scheduler.BusyCards);
        Assert.Equal([8, 6], h.State.PoolFreeCards);
    }

    [Fact]
    public void RunCycle_AfterSiteDown_EvictedJobsRestartElsewhereInArrivalOrder()
    {
        var h = new SchedulerHarness(TwoSites);
        h.SubmitAndCycle(0, Job(1, cards: 4), Job(2, cards: 4));
        h.SiteDown("a");

        Assert.Equal(["start 1 on b/H100-SXM", "start 2 on b/H100-SXM"], h.Cycle(50));
        Assert.Equal(50, h[1].StartTime);
        Assert.Equal(50 + 3600, h[1].ExpectedEnd);
    }

    [Fact]
    public void RunCycle_SiteBackUp_TakesWorkAgain()
    {
        var h = new SchedulerHarness(TwoSites);
        h.SiteDown("a");
        Assert.Equal(["start 1 on b/H100-SXM"], h.SubmitAndCycle(0, Job(1, cards: 2)));

        h.SiteUp("a");

        Assert.Equal(["start 2 on a/H100-SXM"], h.SubmitAndCycle(10, Job(2, cards: 2)));
    }

    [Fact]
    public void Submit_OnlySiteDown_QueuesTheJobUntilTheSiteReturns()
    {
        var h = new SchedulerHarness(Solo);
        h.SiteDown("solo-site");

        Assert.Empty(h.SubmitAndCycle(0, Job(1, cards: 8)));
        Assert.Equal(1, h.Scheduler.Waiting);

        h.SiteUp("solo-site");
        Assert.Equal(["start 1 on solo-site/H100-SXM"], h.Cycle(10));
    }

    [Fact]
    public void Submit_GangLargerThanAnyPool_IsRejectedWithTheSiteNamed()
    {
        var h = new SchedulerHarness(Solo);
        var job = h.Scheduler.NewJob(Job(1, cards: 16));

        var reason = h.Scheduler.Submit(job, 0);

        Assert.Equal("no site can ever run the job: site solo-site (H100-SXM): the pool has 1 nodes, the job needs 2", reason);
        Assert.Equal(0, h.Scheduler.Waiting);
        Assert.Empty(h.Scheduler.RunCycle(0));
    }

    [Fact]
    public void Submit_ModelNoSiteHas_IsRejectedWithTheSiteNamed()
    {
        var h = new SchedulerHarness(Solo);
        var job = h.Scheduler.NewJob(Job(1, cards: 1, model: "A100-80GB"));

        var reason = h.Scheduler.Submit(job, 0);

        Assert.Equal("no site can ever run the job: site solo-site (H100-SXM): accelerator H100-SXM is not one the job accepts", reason);
        Assert.Equal(0, h.Scheduler.Waiting);
    }
}
