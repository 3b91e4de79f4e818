using Suanwang.Scheduling.Framework;

namespace Suanwang.Scheduling.Queue;

/// <summary>The queue-sort extension point: holds waiting jobs and yields them in the order they should be tried.</summary>
public interface IQueuePolicy : IPlugin
{
    /// <summary>Jobs waiting.</summary>
    int Count { get; }

    /// <summary>Adds a waiting job (new, or requeued after preemption or failure).</summary>
    void Enqueue(QueuedJob job);

    /// <summary>Removes a job that started or was rejected.</summary>
    void Remove(QueuedJob job);

    /// <summary>Writes up to <paramref name="max"/> waiting jobs into <paramref name="into"/> in the order to try them.</summary>
    void Snapshot(List<QueuedJob> into, int max);

    /// <summary>Tells the policy a job started (fair share counts usage).</summary>
    void Started(QueuedJob job);

    /// <summary>Tells the policy a running job stopped, for whatever reason.</summary>
    void Stopped(QueuedJob job);
}
