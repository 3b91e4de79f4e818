namespace Suanwang.Scheduling.Queue;

/// <summary>A queue kept in one fixed order: FIFO (arrival) or priority (highest first, then arrival).</summary>
public sealed class OrderedQueuePolicy : IQueuePolicy
{
    private readonly SortedSet<QueuedJob> _jobs;

    private OrderedQueuePolicy(string name, IComparer<QueuedJob> order)
    {
        Name = name;
        _jobs = new SortedSet<QueuedJob>(order);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _jobs.Count;

    /// <summary>First in, first out; a requeued job keeps its place by its arrival sequence.</summary>
    public static OrderedQueuePolicy Fifo() => new("fifo", Comparer<QueuedJob>.Create(static (a, b) => a.Sequence.CompareTo(b.Sequence)));

    /// <summary>Highest priority first; equal priorities in arrival order.</summary>
    public static OrderedQueuePolicy Priority() => new("priority", Comparer<QueuedJob>.Create(static (a, b) =>
    {
        var byPriority = b.Request.Priority.CompareTo(a.Request.Priority);
        return byPriority != 0 ? byPriority : a.Sequence.CompareTo(b.Sequence);
    }));

    /// <inheritdoc />
    public void Enqueue(QueuedJob job) => _jobs.Add(job);

    /// <inheritdoc />
    public void Remove(QueuedJob job) => _jobs.Remove(job);

    /// <inheritdoc />
    public void Snapshot(List<QueuedJob> into, int max) => QueueOrder.CopyHead(_jobs, into, max);

    /// <inheritdoc />
    public void Started(QueuedJob job)
    {
    }

    /// <inheritdoc />
    public void Stopped(QueuedJob job)
    {
    }
}
