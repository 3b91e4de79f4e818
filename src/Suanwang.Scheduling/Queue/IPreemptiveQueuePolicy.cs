namespace Suanwang.Scheduling.Queue;

/// <summary>
/// A queue policy whose order changes as jobs run, and which may stop a running preemptible job for
/// a waiting one that ranks higher. The scheduler asks it once per cycle to refresh its order.
/// </summary>
public interface IPreemptiveQueuePolicy : IQueuePolicy
{
    /// <summary>Re-files waiting jobs whose place changes with time (starvation promotion) at <paramref name="now"/>.</summary>
    void Refresh(double now);

    /// <summary>Where <paramref name="job"/>, waiting or running, stands at <paramref name="now"/>: lower runs first.</summary>
    double Rank(QueuedJob job, double now);

    /// <summary>Whether <paramref name="waiting"/> may preempt the running preemptible job <paramref name="running"/> at <paramref name="now"/>.</summary>
    bool Outranks(QueuedJob waiting, QueuedJob running, double now);
}
