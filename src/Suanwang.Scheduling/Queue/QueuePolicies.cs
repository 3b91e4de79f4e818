using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Queue;

/// <summary>
/// The queue policies by name: an order (fifo, priority, fair-share), optionally with EASY backfill,
/// or a preemptive order (las: least attained service; srtf: shortest remaining estimated time).
/// </summary>
public static class QueuePolicies
{
    /// <summary>Every accepted policy name.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["fifo", "priority", "fair-share", "backfill", "priority-backfill", "fair-share-backfill", "las", "srtf"];

    /// <summary>Whether <paramref name="name"/> is a preemptive policy, under which preemptible jobs may be stopped and resumed.</summary>
    public static bool IsPreemptive(string name) => name.ToLowerInvariant() is "las" or "srtf";

    /// <summary>Creates the queue for <paramref name="name"/>; false for an unknown name.</summary>
    /// <param name="name">A name from <see cref="Names"/>; <c>backfill</c> is FIFO order with EASY backfill.</param>
    /// <param name="state">The cluster the fair-share policy measures shares against.</param>
    /// <param name="queue">The queue policy.</param>
    /// <param name="backfill">Whether the name asks for EASY backfill.</param>
    /// <param name="restartSeconds">What a preempted job loses resuming, weighed by srtf before it preempts.</param>
    public static bool TryCreate(string name, ClusterState state, out IQueuePolicy queue, out bool backfill, double restartSeconds = 0)
    {
        var lower = name.ToLowerInvariant();
        backfill = lower.EndsWith("backfill", StringComparison.Ordinal);
        var order = lower == "backfill" ? "fifo" : backfill ? lower[..^"-backfill".Length] : lower;
        IQueuePolicy? created = order switch
        {
            "fifo" => OrderedQueuePolicy.Fifo(),
            "priority" => OrderedQueuePolicy.Priority(),
            "fair-share" => new FairSharePolicy(state),
            "las" => new LasQueuePolicy(),
            "srtf" => new SrtfQueuePolicy(restartSeconds),
            _ => null,
        };
        queue = created!;
        return created is not null && Names.Contains(lower);
    }
}
