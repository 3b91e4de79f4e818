using Suanwang.Cli.Commands;
using Suanwang.Protocol.Jobs;

namespace Suanwang.Cli.Tests.Commands;

public sealed class JobRestartsTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static JobEventView At(double seconds, string kind, string message = "") => new(s_t0.AddSeconds(seconds), kind, message);

    [Fact]
    public void Of_EachPreemption_MeasuresToItsRequeueAndNextStart()
    {
        IReadOnlyList<JobEventView> events =
        [
            At(0, "submitted"), At(1, "placed"), At(2, "started"),
            At(10, "preempted", "preempted for job 2"), At(13, "requeued"), At(14, "placed"), At(20, "started"),
            At(30, "preempted", "resized from 1 to 2 cards"), At(31, "requeued"),
        ];

        var restarts = JobRestarts.Of(events);

        Assert.Equal(2, restarts.Count);
        Assert.Equal(new JobRestarts.Restart(s_t0.AddSeconds(10), "preempted for job 2", 3, 10), restarts[0]);
        Assert.Equal(new JobRestarts.Restart(s_t0.AddSeconds(30), "resized from 1 to 2 cards", 1, null), restarts[1]);
    }

    [Fact]
    public void Of_NoPreemption_IsEmpty() =>
        Assert.Empty(JobRestarts.Of([At(0, "submitted"), At(1, "started"), At(2, "exited")]));
}
