using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class BackfillTests
{
    // One node of 16 H100.
    private const string OnePool = """
        name: backfill
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 16, nodes: 1, price: 20 }]
        """;

    // The same pool plus an equally priced A100 site on a dirtier grid, so "a" is preferred.
    private const string TwoSites = """
        name: backfill-two
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 16, nodes: 1, price: 20 }]
          - id: b
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 2000
            pools: [{ model: A100-80GB, cards_per_node: 16, nodes: 1, price: 20 }]
        """;

    // Job 1 holds 10 of 16 cards until t=1000; job 2 (12 cards) is blocked at the head, so at
    // t=100 it holds a reservation on "a" from the shadow time 1000 with 16 - 12 = 4 spare cards.
    private static SchedulerHarness Blocked(string network = OnePool, string policy = "backfill")
    {
        var h = new SchedulerHarness(network, policy);
        Assert.Equal(["start 1 on a/H100-SXM"], h.SubmitAndCycle(0, Job(1, cards: 10, runtime: 1000, model: "H100-SXM")));
        h.Submit(Job(2, cards: 12, runtime: 1000, model: "H100-SXM"), 100);
        return h;
    }

    [Theory]
    [InlineData(500)]
    [InlineData(899)]
    [InlineData(900)]
    public void RunCycle_ShortJobBehindBlockedHead_StartsWhenItEndsByTheShadowTime(double runtime)
    {
        var h = Blocked();

        var decisions = h.SubmitAndCycle(100, Job(3, cards: 6, runtime: runtime));

        Assert.Equal(["start 3 on a/H100-SXM"], decisions);
        Assert.Null(h.WhereIs(2));
    }

    [Theory]
    [InlineData(901)]
    [InlineData(5000)]
    public void RunCycle_LongJobThatWouldDelayTheReservation_DoesNotStartOnTheReservedPool(double runtime)
    {
        var h = Blocked();

        // Six cards are free now, but at t=1000 job 2 needs 12 of 16 and only 4 are spare.
        var decisions = h.SubmitAndCycle(100, Job(3, cards: 6, runtime: runtime));

        Assert.Empty(decisions);
        Assert.Equal(6, h.State.PoolFreeCards[0]);
        Assert.Equal(2, h.Scheduler.Waiting);
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("priority")]
    [InlineData("fair-share")]
    public void RunCycle_StrictOrder_NeverBackfillsEvenAShortJob(string policy)
    {
        var h = Blocked(policy: policy);

        Assert.Empty(h.SubmitAndCycle(100, Job(3, cards: 6, runtime: 10)));
    }

    [Fact]
    public void RunCycle_LongJob_MayUseSpareCardsTheReservedJobWillNotNeed()
    {
        var h = Blocked();

        // Job 3 takes 3 of the 4 spare cards; job 4 would need 2 and only 1 is left spare,
        // though 3 cards are free now.
        var decisions = h.SubmitAndCycle(100, Job(3, cards: 3, runtime: 5000), Job(4, cards: 2, runtime: 5000));

        Assert.Equal(["start 3 on a/H100-SXM"], decisions);
        Assert.Equal(3, h.State.PoolFreeCards[0]);
    }

    [Fact]
    public void RunCycle_AfterBackfilling_TheReservedJobStartsAtItsShadowTime()
    {
        var h = Blocked();
        Assert.Equal(
            ["start 3 on a/H100-SXM", "start 4 on a/H100-SXM"],
            h.SubmitAndCycle(100, Job(3, cards: 3, runtime: 5000), Job(4, cards: 3, runtime: 900)));

        h.Finish(4);
        h.Finish(1);

        Assert.Equal(["start 2 on a/H100-SXM"], h.Cycle(1000));
    }

    [Fact]
    public void RunCycle_LongJob_StartsFreelyOnAnotherPool()
    {
        var h = Blocked(TwoSites);

        var decisions = h.SubmitAndCycle(100, Job(3, cards: 6, runtime: 5000));

        Assert.Equal(["start 3 on b/A100-80GB"], decisions);
    }

    [Fact]
    public void RunCycle_WithoutABlockedJob_TheSameLongJobTakesTheEarlierPool()
    {
        var h = new SchedulerHarness(TwoSites, "backfill");
        h.SubmitAndCycle(0, Job(1, cards: 10, runtime: 1000, model: "H100-SXM"));

        Assert.Equal(["start 3 on a/H100-SXM"], h.SubmitAndCycle(100, Job(3, cards: 6, runtime: 5000)));
    }

    [Fact]
    public void RunCycle_ReservationHoldsOnlyWithinACycle_ShortJobsKeepBackfillingLater()
    {
        var h = Blocked();
        Assert.Equal(["start 3 on a/H100-SXM"], h.SubmitAndCycle(100, Job(3, cards: 6, runtime: 400)));
        h.Finish(3);

        // At t=500 the shadow is still t=1000: a 500 s job fits before it, a 501 s one does not.
        Assert.Empty(h.SubmitAndCycle(500, Job(4, cards: 6, runtime: 501)));
        Assert.Equal(["start 5 on a/H100-SXM"], h.SubmitAndCycle(500, Job(5, cards: 6, runtime: 500)));
    }
}
