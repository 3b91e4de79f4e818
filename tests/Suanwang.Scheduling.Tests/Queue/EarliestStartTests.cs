namespace Suanwang.Scheduling.Tests.Queue;

public sealed class EarliestStartTests
{
    private const string Network = """
        name: one
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 2, price: 20 }]
        """;

    [Fact]
    public void EarliestStart_CountsRunningJobsInOrderOfExpectedEnd()
    {
        var harness = new SchedulerHarness(Network);
        harness.SubmitAndCycle(0, Requests.Job(1, cards: 8, runtime: 3000), Requests.Job(2, cards: 4, runtime: 1000), Requests.Job(3, cards: 4, runtime: 2000));

        Assert.Equal(10, harness.Scheduler.EarliestStart(pool: 0, cards: 0, now: 10));
        Assert.Equal(1000, harness.Scheduler.EarliestStart(0, 4, now: 10));
        Assert.Equal(2000, harness.Scheduler.EarliestStart(0, 8, now: 10));
        Assert.Equal(3000, harness.Scheduler.EarliestStart(0, 16, now: 10));
        Assert.Equal(double.PositiveInfinity, harness.Scheduler.EarliestStart(0, 17, now: 10));
    }

    [Fact]
    public void EarliestStart_OverdueJob_FreesItsCardsNow()
    {
        var harness = new SchedulerHarness(Network);
        harness.SubmitAndCycle(0, Requests.Job(1, cards: 16, runtime: 1000));

        Assert.Equal(5000, harness.Scheduler.EarliestStart(0, 8, now: 5000));
    }

    [Fact]
    public void EarliestStart_AfterAJobFinishes_SeesTheChange()
    {
        var harness = new SchedulerHarness(Network);
        harness.SubmitAndCycle(0, Requests.Job(1, cards: 8, runtime: 3000), Requests.Job(2, cards: 8, runtime: 1000));
        Assert.Equal(1000, harness.Scheduler.EarliestStart(0, 8, now: 10));

        harness.Finish(2);
        Assert.Equal(10, harness.Scheduler.EarliestStart(0, 8, now: 10));
        Assert.Equal(3000, harness.Scheduler.EarliestStart(0, 16, now: 10));

        harness.SubmitAndCycle(20, Requests.Job(3, cards: 8, runtime: 500));
        Assert.Equal(520, harness.Scheduler.EarliestStart(0, 8, now: 30));
    }

    [Fact]
    public void EarliestStart_JobsEndingTogether_FreeTheirCardsTogether()
    {
        var harness = new SchedulerHarness(Network);
        harness.SubmitAndCycle(0, Requests.Job(1, cards: 4, runtime: 1000), Requests.Job(2, cards: 4, runtime: 1000), Requests.Job(3, cards: 8, runtime: 2000));

        Assert.Equal(1000, harness.Scheduler.EarliestStart(0, 2, now: 0));
        Assert.Equal(1000, harness.Scheduler.EarliestStart(0, 8, now: 0));
        Assert.Equal(2000, harness.Scheduler.EarliestStart(0, 9, now: 0));
    }
}
