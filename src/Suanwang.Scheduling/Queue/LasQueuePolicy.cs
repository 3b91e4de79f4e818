namespace Suanwang.Scheduling.Queue;

/// <summary>
/// Discretized two-dimensional least attained service (Gu et al., "Tiresias: A GPU Cluster Manager
/// for Distributed Deep Learning", NSDI 2019): a job's attained service is the card-seconds it has
/// held; thresholds split jobs into queues, lower queues first, FIFO (arrival order) within a queue.
/// A running job is preempted only by a waiting job of a strictly lower queue. Starvation guard: a
/// job that has waited <see cref="StarvationFactor"/> times as long as it has run goes back to the
/// first queue, its attained service forgiven for ranking.
/// </summary>
public sealed class LasQueuePolicy : IPreemptiveQueuePolicy
{
    /// <summary>Default queue thresholds in card-seconds: one card-hour and sixteen card-hours.</summary>
    public static readonly double[] DefaultThresholds = [3600, 16 * 3600];

    /// <summary>Default starvation factor: a job that has waited this many times its run time is promoted.</summary>
    public const double DefaultStarvationFactor = 8;

    private const double LevelSpan = 1L << 40;

    private readonly SortedSet<QueuedJob> _jobs = new(QueueOrder.ByKeyThenArrival);

    private readonly double[] _thresholds;
    private readonly List<QueuedJob> _promote = [];

    /// <summary>Creates the policy with ascending <paramref name="thresholds"/> (card-seconds) and a starvation factor (infinity for none).</summary>
    public LasQueuePolicy(double[]? thresholds = null, double starvationFactor = DefaultStarvationFactor)
    {
        _thresholds = thresholds ?? DefaultThresholds;
        for (var i = 0; i < _thresholds.Length; i++)
        {
            if (!(_thresholds[i] > 0) || (i > 0 && _thresholds[i] <= _thresholds[i - 1]))
            {
                throw new ArgumentException("thresholds must be positive and ascending", nameof(thresholds));
            }
        }

        StarvationFactor = starvationFactor > 0 ? starvationFactor : throw new ArgumentOutOfRangeException(nameof(starvationFactor), "must be positive");
    }

    /// <inheritdoc />
    public string Name => "las";

    /// <inheritdoc />
    public int Count => _jobs.Count;

    /// <summary>Waiting time, as a multiple of run time, after which a job returns to the first queue.</summary>
    public double StarvationFactor { get; }

    /// <summary>The queue (0 first) for <paramref name="job"/> at <paramref name="now"/>.</summary>
    public int LevelOf(QueuedJob job, double now)
    {
        var service = job.AttainedAt(now) - job.ForgivenCardSeconds;
        var level = 0;
        while (level < _thresholds.Length && service >= _thresholds[level])
        {
            level++;
        }

        return level;
    }

    /// <inheritdoc />
    public void Enqueue(QueuedJob job)
    {
        job.QueueKey = LevelOf(job, job.WaitingSince);
        _jobs.Add(job);
    }

    /// <inheritdoc />
    public void Remove(QueuedJob job) => _jobs.Remove(job);

    /// <inheritdoc />
    public void Snapshot(List<QueuedJob> into, int max) => QueueOrder.CopyHead(_jobs, into, max);

    /// <inheritdoc />
    public void Refresh(double now)
    {
        if (double.IsPositiveInfinity(StarvationFactor) || _jobs.Count == 0 || _jobs.Max!.QueueKey == 0)
        {
            return;
        }

        _promote.Clear();
        foreach (var job in _jobs)
        {
            if (job.QueueKey > 0 && IsStarving(job, now))
            {
                _promote.Add(job);
            }
        }

        foreach (var job in _promote)
        {
            _jobs.Remove(job);
            job.ForgivenCardSeconds = job.AttainedCardSeconds;
            job.QueueKey = 0;
            _jobs.Add(job);
        }
    }

    /// <inheritdoc />
    public double Rank(QueuedJob job, double now) => (LevelOf(job, now) * LevelSpan) + job.Sequence;

    /// <inheritdoc />
    public bool Outranks(QueuedJob waiting, QueuedJob running, double now) => LevelOf(waiting, now) < LevelOf(running, now);

    /// <inheritdoc />
    public void Started(QueuedJob job)
    {
    }

    /// <inheritdoc />
    public void Stopped(QueuedJob job)
    {
    }

    private bool IsStarving(QueuedJob job, double now)
    {
        var cards = Math.Max(1, job.Request.NominalCards);
        var ran = (job.AttainedCardSeconds - job.ForgivenCardSeconds) / cards;
        return now - job.WaitingSince >= StarvationFactor * ran;
    }
}
