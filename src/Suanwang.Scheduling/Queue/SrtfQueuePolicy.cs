namespace Suanwang.Scheduling.Queue;

/// <summary>
/// Shortest remaining estimated service first: jobs ordered by the card-seconds their estimates say
/// they still need (remaining run time on the reference model times cards), then arrival. A waiting
/// job preempts a running preemptible one when it needs less than the running job still does, less
/// what the running job would lose restarting from its checkpoint.
/// </summary>
public sealed class SrtfQueuePolicy : IPreemptiveQueuePolicy
{
    private readonly SortedSet<QueuedJob> _jobs = new(QueueOrder.ByKeyThenArrival);

    private readonly double _restartSeconds;

    /// <summary>Creates the policy; <paramref name="restartSeconds"/> is what a preempted job loses resuming.</summary>
    public SrtfQueuePolicy(double restartSeconds = 0)
    {
        _restartSeconds = restartSeconds >= 0 ? restartSeconds : throw new ArgumentOutOfRangeException(nameof(restartSeconds), "must not be negative");
    }

    /// <inheritdoc />
    public string Name => "srtf";

    /// <inheritdoc />
    public int Count => _jobs.Count;

    /// <inheritdoc />
    public void Enqueue(QueuedJob job)
    {
        job.QueueKey = Remaining(job, job.WaitingSince);
        _jobs.Add(job);
    }

    /// <inheritdoc />
    public void Remove(QueuedJob job) => _jobs.Remove(job);

    /// <inheritdoc />
    public void Snapshot(List<QueuedJob> into, int max) => QueueOrder.CopyHead(_jobs, into, max);

    /// <inheritdoc />
    public void Refresh(double now)
    {
    }

    /// <inheritdoc />
    public double Rank(QueuedJob job, double now) => Remaining(job, now);

    /// <inheritdoc />
    public bool Outranks(QueuedJob waiting, QueuedJob running, double now) =>
        Remaining(waiting, now) < Remaining(running, now) - (_restartSeconds * running.Request.NominalCards);

    /// <inheritdoc />
    public void Started(QueuedJob job)
    {
    }

    /// <inheritdoc />
    public void Stopped(QueuedJob job)
    {
    }

    private static double Remaining(QueuedJob job, double now) => job.RemainingSeconds(now) * Math.Max(1, job.Request.NominalCards);
}
