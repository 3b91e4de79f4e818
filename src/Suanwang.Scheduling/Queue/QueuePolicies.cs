using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Queue;

/// <summary>The queue policies by name: an order (fifo, priority, fair-share), optionally with EASY backfill.</summary>
public static class QueuePolicies
{
    /// <summary>Every accepted policy name.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["fifo", "priority", "fair-share", "backfill", "priority-backfill", "fair-share-backfill"];

    /// <summary>Creates the queue for <paramref name="name"/>; false for an unknown name.</summary>
    /// <param name="name">A name from <see cref="Names"/>; <c>backfill</c> is FIFO order with EASY backfill.</param>
    /// <param name="state">The cluster the fair-share policy measures shares against.</param>
    /// <param name="queue">The queue policy.</param>
    /// <param name="backfill">Whether the name asks for EASY backfill.</param>
    public static bool TryCreate(string name, ClusterState state, out IQueuePolicy queue, out bool backfill)
    {
        var lower = name.ToLowerInvariant();
        backfill = lower.EndsWith("backfill", StringComparison.Ordinal);
        var order = lower == "backfill" ? "fifo" : backfill ? lower[..^"-backfill".Length] : lower;
        IQueuePolicy? created = order switch
        {
            "fifo" => OrderedQueuePolicy.Fifo(),
            "priority" => OrderedQueuePolicy.Priority(),
            "fair-share" => new FairSharePolicy(state),
            _ => null,
        };
        queue = created!;
        return created is not null && Names.Contains(lower);
    }
}
