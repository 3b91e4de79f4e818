using Suanwang.Scheduling.Queue;
using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class LasQueueTests
{
    // One node of 8 cards.
    private const string OneNode = """
        name: las
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    private static readonly double[] s_thresholds = [100, 1000];

    // Attained card-seconds of jobs 1, 2, 3 (arriving in that order) and the order they are tried in.
    public static TheoryData<double[], long[]> Orders => new()
    {
        { [0, 0, 0], [1, 2, 3] },
        { [500, 0, 50], [2, 3, 1] },
        { [2000, 500, 0], [3, 2, 1] },
        { [99.9, 100, 0], [1, 3, 2] },
        { [1000, 999, 5000], [2, 1, 3] },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Snapshot_LowerQueueFirst_FifoWithinAQueue(double[] attained, long[] expected)
    {
        var las = new LasQueuePolicy(s_thresholds, double.PositiveInfinity);
        for (var i = 0; i < attained.Length; i++)
        {
            las.Enqueue(new QueuedJob(Job(i + 1, cards: 1), i) { AttainedCardSeconds = attained[i] });
        }

        var order = new List<QueuedJob>();
        las.Snapshot(order, 10);

        Assert.Equal(expected, order.Select(j => j.Request.JobId));
    }

    // Job 1 ran 500 s on one card (queue 1), stopped at t=1000; job 2 never ran. With factor 2, job 1
    // starves once it has waited 1,000 s.
    [Theory]
    [InlineData(1999, new long[] { 2, 1 })]
    [InlineData(2000, new long[] { 1, 2 })]
    public void Refresh_JobWaitingFactorTimesItsRunTime_ReturnsToTheFirstQueue(double now, long[] expected)
    {
        var las = new LasQueuePolicy(s_thresholds, starvationFactor: 2);
        var starving = new QueuedJob(Job(1, cards: 1), 0) { AttainedCardSeconds = 500, WaitingSince = 1000 };
        las.Enqueue(starving);
        las.Enqueue(new QueuedJob(Job(2, cards: 1, submit: 1500), 1));

        las.Refresh(now);
        var order = new List<QueuedJob>();
        las.Snapshot(order, 10);

        Assert.Equal(expected, order.Select(j => j.Request.JobId));
        Assert.Equal(500, starving.AttainedCardSeconds);
    }

    // Job 1 holds all 8 cards from t=0, so it reaches the 3,600 card-second threshold at t=450.
    // Job 2 (4 cards) arrives at t and preempts it only if job 1 is checkpointable and in a later queue.
    [Theory]
    [InlineData(449, true, new string[0])]
    [InlineData(450, true, new[] { "preempt 1", "start 2 on a/H100-SXM" })]
    [InlineData(5000, true, new[] { "preempt 1", "start 2 on a/H100-SXM" })]
    [InlineData(5000, false, new string[0])]
    public void RunCycle_WaitingJobInAnEarlierQueue_PreemptsPreemptibleJobs(double t, bool preemptible, string[] expected)
    {
        var h = new SchedulerHarness(OneNode, "las");
        h.SubmitAndCycle(0, Job(1, cards: 8, runtime: 36000, preemptible: preemptible));

        var decisions = h.SubmitAndCycle(t, Job(2, cards: 4, preemptible: true));

        Assert.Equal(expected, decisions);
    }

    [Fact]
    public void RunCycle_BothPastTheThreshold_NoPreemptionWithinAQueue()
    {
        var h = new SchedulerHarness(OneNode, "las");
        h.SubmitAndCycle(0, Job(1, cards: 8, runtime: 36000, preemptible: true));
        h.SubmitAndCycle(100, Job(2, cards: 8, preemptible: true));

        // Job 1 is in queue 1 at t=1000 and preempted for job 2; job 2 reaches queue 1 at t=1450.
        Assert.Equal(["preempt 1", "start 2 on a/H100-SXM"], h.Cycle(1000));
        Assert.Empty(h.Cycle(2000));
    }

    [Fact]
    public void RunCycle_PreemptedJob_ResumesWithItsWorkLeftAndPaysTheRestart()
    {
        var h = new SchedulerHarness(OneNode, "las", restartSeconds: 30);
        h.SubmitAndCycle(0, Job(1, cards: 8, runtime: 3600, preemptible: true));
        h.SubmitAndCycle(1000, Job(2, cards: 8, runtime: 100, preemptible: true));
        var preempted = h[1];

        Assert.Equal(1000.0 / 3600, preempted.Progress, 12);
        Assert.Equal(8000, preempted.AttainedCardSeconds);
        Assert.Equal(1, preempted.Restarts);

        h.Finish(2, 1100);
        Assert.Equal(["start 1 on a/H100-SXM"], h.Cycle(1100));
        Assert.Equal(1100 + 30 + 2600, preempted.ExpectedEnd, 9);
        Assert.Equal(30, preempted.StartOverheadSeconds);
    }
}
