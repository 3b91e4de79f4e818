using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class PreemptionTests
{
    // Two one-node sites of 8 cards, equal in price and carbon; ties go to "a".
    private const string TwoSites = """
        name: preemption
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20, spot_price: 8 }]
          - id: b
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: A100-80GB, cards_per_node: 8, nodes: 1, price: 20, spot_price: 8 }]
        """;

    // Two nodes of 4 cards.
    private const string TwoNodes = """
        name: preemption-nodes
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 4, nodes: 2, price: 20, spot_price: 8 }]
        """;

    private const string H100 = "H100-SXM";
    private const string A100 = "A100-80GB";

    // "a" is full of spot work (jobs 1 at t=0 and 2 at t=10, 4 cards each); "b" holds spot jobs
    // 3 (t=0) and 4 (t=10) and job 5, which is not spot, with 2 cards each, and has 2 cards free.
    private static SchedulerHarness Loaded()
    {
        var h = new SchedulerHarness(TwoSites);
        h.SubmitAndCycle(0, Job(1, cards: 4, spot: true, model: H100), Job(3, cards: 2, spot: true, model: A100));
        h.SubmitAndCycle(10, Job(2, cards: 4, spot: true, model: H100), Job(4, cards: 2, spot: true, model: A100), Job(5, cards: 2, model: A100));
        Assert.Equal([0, 2], h.State.PoolFreeCards);
        return h;
    }

    [Fact]
    public void RunCycle_BlockedJob_PreemptsTheNewestSpotJobOnThePoolNeedingFewestCards()
    {
        var h = Loaded();

        // A 4-card job would take 4 spot cards from "a" but only 2 from "b".
        var decisions = h.SubmitAndCycle(20, Job(6, cards: 4));

        Assert.Equal(["preempt 4", "start 6 on b/A100-80GB"], decisions);
        Assert.Equal("b/A100-80GB", h.WhereIs(3));
        Assert.Equal("a/H100-SXM", h.WhereIs(1));
        Assert.Equal("a/H100-SXM", h.WhereIs(2));
    }

    [Fact]
    public void RunCycle_OneVictimIsNotEnough_PreemptsNewestFirstUntilTheJobFits()
    {
        var h = Loaded();

        var decisions = h.SubmitAndCycle(20, Job(6, cards: 8, model: H100));

        Assert.Equal(["preempt 2", "preempt 1", "start 6 on a/H100-SXM"], decisions);
    }

    [Fact]
    public void RunCycle_SpotJobsStartedTogether_LaterArrivalIsPreemptedFirst()
    {
        var h = new SchedulerHarness(TwoSites);
        h.SubmitAndCycle(0, Job(1, cards: 4, spot: true, model: H100), Job(2, cards: 4, spot: true, model: H100));

        Assert.Equal(["preempt 2", "start 3 on a/H100-SXM"], h.SubmitAndCycle(10, Job(3, cards: 4, model: H100)));
    }

    [Fact]
    public void RunCycle_SpotJobStartedInThisCycle_IsNotPreemptedUntilTheNextCycle()
    {
        // The spot job is ahead in the queue; the urgent job behind it must not undo its start at once.
        var h = new SchedulerHarness(TwoNodes);

        var first = h.SubmitAndCycle(0, Job(1, cards: 8, spot: true, model: H100), Job(2, cards: 8, model: H100));
        var second = h.Cycle(0);

        Assert.Equal(["start 1 on a/H100-SXM"], first);
        Assert.Equal(["preempt 1", "start 2 on a/H100-SXM"], second);
    }

    [Fact]
    public void RunCycle_PreemptedJobs_AreBackInTheQueueAndRestartWhenRoomAppears()
    {
        var h = Loaded();
        h.SubmitAndCycle(20, Job(6, cards: 4));

        Assert.Equal(1, h.Scheduler.Waiting);
        Assert.False(h[4].IsRunning);

        h.Finish(6);

        Assert.Equal(["start 4 on b/A100-80GB"], h.Cycle(30));
        Assert.Equal(30, h[4].StartTime);
        Assert.Equal(0, h.Scheduler.Waiting);
    }

    [Fact]
    public void RunCycle_SpotJob_NeverPreempts()
    {
        var h = Loaded();

        Assert.Empty(h.SubmitAndCycle(20, Job(6, cards: 4, spot: true)));
        Assert.Equal(5, h.Scheduler.Running);
    }

    [Fact]
    public void RunCycle_AllSpotCardsTooFew_EvictsNothing()
    {
        var h = new SchedulerHarness(TwoSites);
        h.SubmitAndCycle(0, Job(1, cards: 2, spot: true, model: H100), Job(2, cards: 6, model: H100));

        // 4 cards are missing and only 2 are spot.
        Assert.Empty(h.SubmitAndCycle(10, Job(3, cards: 4, model: H100)));
        Assert.Equal("a/H100-SXM", h.WhereIs(1));
        Assert.Equal(1, h.Scheduler.Waiting);
    }

    [Fact]
    public void RunCycle_SpotCardsEnoughButSpreadOverNodes_EvictsNothing()
    {
        var h = new SchedulerHarness(TwoNodes);

        // Best fit puts jobs 1 and 2 on node 0, jobs 3 and 4 on node 1: each node holds 2 spot cards.
        h.SubmitAndCycle(0, Job(1, cards: 2, spot: true), Job(2, cards: 2), Job(3, cards: 2), Job(4, cards: 2, spot: true));
        Assert.Equal([0, 0], h.State.NodeFree);

        // 4 spot cards would cover the 4-card shortfall, but no node would then have 4 free.
        Assert.Empty(h.SubmitAndCycle(10, Job(5, cards: 4)));
        Assert.True(h[1].IsRunning);
        Assert.True(h[4].IsRunning);
    }

    [Fact]
    public void RunCycle_PreemptionTurnedOff_LeavesSpotWorkRunning()
    {
        var h = new SchedulerHarness(TwoSites, preemptSpot: false);
        h.SubmitAndCycle(0, Job(1, cards: 8, spot: true, model: H100));

        Assert.Empty(h.SubmitAndCycle(10, Job(2, cards: 8, model: H100)));
        Assert.True(h[1].IsRunning);
    }

    [Fact]
    public void RunCycle_Backfill_JobBehindABlockedHeadDoesNotPreempt()
    {
        var h = new SchedulerHarness(TwoSites, "backfill");
        h.SubmitAndCycle(0, Job(1, cards: 8, runtime: 1000, model: H100), Job(2, cards: 8, spot: true, model: A100));

        // Job 3 stays blocked ("a" has no spot work) and holds the reservation; job 4 only backfills.
        var decisions = h.SubmitAndCycle(10, Job(3, cards: 8, model: H100), Job(4, cards: 8, model: A100));

        Assert.Empty(decisions);
        Assert.True(h[2].IsRunning);
    }

    [Fact]
    public void RunCycle_Backfill_JobWithNoBlockedJobAheadPreempts()
    {
        var h = new SchedulerHarness(TwoSites, "backfill");
        h.SubmitAndCycle(0, Job(1, cards: 8, runtime: 1000, model: H100), Job(2, cards: 8, spot: true, model: A100));

        Assert.Equal(["preempt 2", "start 4 on b/A100-80GB"], h.SubmitAndCycle(10, Job(4, cards: 8, model: A100)));
    }
}
