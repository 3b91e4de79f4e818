using Suanwang.Scheduling.Queue;
using static Suanwang.Scheduling.Tests.Queue.Requests;

namespace Suanwang.Scheduling.Tests.Queue;

public sealed class SrtfQueueTests
{
    // One node of 8 cards.
    private const string OneNode = """
        name: srtf
        currency: CNY
        sites:
          - id: a
            owner: o
            jurisdiction: CN
            tier: core
            carbon: 500
            pools: [{ model: H100-SXM, cards_per_node: 8, nodes: 1, price: 20 }]
        """;

    // Cards and run time of jobs 1, 2, 3 (arriving in that order) and the order they are tried in.
    public static TheoryData<int[], double[], long[]> Orders => new()
    {
        { [1, 1, 1], [300, 100, 200], [2, 3, 1] },
        { [4, 1, 2], [100, 300, 100], [3, 2, 1] },
        { [2, 1, 2], [100, 200, 100], [1, 2, 3] },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Snapshot_LeastRemainingCardSecondsFirst_ThenArrival(int[] cards, double[] runtime, long[] expected)
    {
        var srtf = new SrtfQueuePolicy();
        for (var i = 0; i < cards.Length; i++)
        {
            srtf.Enqueue(new QueuedJob(Job(i + 1, cards: cards[i], runtime: runtime[i]), i));
        }

        var order = new List<QueuedJob>();
        srtf.Snapshot(order, 10);

        Assert.Equal(expected, order.Select(j => j.Request.JobId));
    }

    [Fact]
    public void Snapshot_PreemptedJob_RanksByTheWorkItHasLeft()
    {
        var srtf = new SrtfQueuePolicy();
        srtf.Enqueue(new QueuedJob(Job(1, cards: 1, runtime: 1000), 0) { Progress = 0.9 });
        srtf.Enqueue(new QueuedJob(Job(2, cards: 1, runtime: 200), 1));

        var order = new List<QueuedJob>();
        srtf.Snapshot(order, 10);

        Assert.Equal([1L, 2L], order.Select(j => j.Request.JobId));
    }

    // Job 1 holds all 8 cards for 10,000 s from t=0; at t=1000 it has 9,000 s (72,000 card-seconds) left.
    // Job 2 (8 cards) preempts it when it needs less than that less the restart: 30 s x 8 cards.
    [Theory]
    [InlineData(8000, true, new[] { "preempt 1", "start 2 on a/H100-SXM" })]
    [InlineData(8969, true, new[] { "preempt 1", "start 2 on a/H100-SXM" })]
    [InlineData(8970, true, new string[0])]
    [InlineData(100, false, new string[0])]
    public void RunCycle_ShorterWaitingJob_PreemptsOnlyWhenTheRestartIsWorthIt(double runtime, bool preemptible, string[] expected)
    {
        var h = new SchedulerHarness(OneNode, "srtf", restartSeconds: 30);
        h.SubmitAndCycle(0, Job(1, cards: 8, runtime: 10000, preemptible: preemptible));

        var decisions = h.SubmitAndCycle(1000, Job(2, cards: 8, runtime: runtime, preemptible: true));

        Assert.Equal(expected, decisions);
    }
}
