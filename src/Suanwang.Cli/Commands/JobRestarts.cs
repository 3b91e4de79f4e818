using Suanwang.Protocol.Jobs;

namespace Suanwang.Cli.Commands;

/// <summary>
/// The restarts in a job's history: each preemption or resize (a "preempted" event), how long its
/// site took to confirm the stop (to "requeued"), and the stop-to-restart time (to the next "started").
/// </summary>
internal static class JobRestarts
{
    /// <summary>One restart: when the job was stopped and why, and the seconds to its requeue and its next start (null while pending).</summary>
    public sealed record Restart(DateTimeOffset StoppedAt, string Reason, double? RequeuedAfter, double? RestartedAfter);

    /// <summary>The restarts of <paramref name="events"/>, oldest first.</summary>
    public static IReadOnlyList<Restart> Of(IReadOnlyList<JobEventView> events)
    {
        var restarts = new List<Restart>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Kind != "preempted")
            {
                continue;
            }

            double? requeued = null;
            double? started = null;
            for (var j = i + 1; j < events.Count && events[j].Kind != "preempted"; j++)
            {
                var after = (events[j].At - events[i].At).TotalSeconds;
                if (events[j].Kind == "requeued" && requeued is null)
                {
                    requeued = after;
                }
                else if (events[j].Kind == "started")
                {
                    started = after;
                    break;
                }
            }

            restarts.Add(new Restart(events[i].At, events[i].Message, requeued, started));
        }

        return restarts;
    }
}
