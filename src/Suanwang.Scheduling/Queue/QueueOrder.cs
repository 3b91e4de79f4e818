namespace Suanwang.Scheduling.Queue;

/// <summary>What the sorted queue policies share: an order by a policy's key, and reading the head of a queue.</summary>
internal static class QueueOrder
{
    /// <summary>Smallest <see cref="QueuedJob.QueueKey"/> first, then arrival.</summary>
    public static IComparer<QueuedJob> ByKeyThenArrival { get; } = Comparer<QueuedJob>.Create(static (a, b) =>
    {
        var byKey = a.QueueKey.CompareTo(b.QueueKey);
        return byKey != 0 ? byKey : a.Sequence.CompareTo(b.Sequence);
    });

    /// <summary>Adds the first jobs of <paramref name="jobs"/> to <paramref name="into"/> until it holds <paramref name="max"/>.</summary>
    public static void CopyHead(SortedSet<QueuedJob> jobs, List<QueuedJob> into, int max)
    {
        foreach (var job in jobs)
        {
            if (into.Count >= max)
            {
                break;
            }

            into.Add(job);
        }
    }
}
