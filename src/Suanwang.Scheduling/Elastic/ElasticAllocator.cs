namespace Suanwang.Scheduling.Elastic;

/// <summary>
/// Shares cards among elastic jobs, as Pollux and Sia do: greedily, a step at a time, it gives
/// cards where they raise the cluster's value most per card. A job's value on a pool at k cards is
/// 1 / (its remaining time there), so the sum rewards finishing short jobs soon (shortest
/// remaining time first, with speed-up) and growing jobs that scale; it is heterogeneity-aware as
/// Gavel and Sia are, each job's throughput scaled by its own speed on each pool. Each step may
/// jump several cards (to the size with the best gain per card), so throughput curves need not be
/// concave. A running job's value anywhere but where it runs counts its restart times the
/// hysteresis, so it is resized or moved only when that pays; a waiting job's value grows with its
/// wait, so long jobs are not starved. Deterministic; not thread-safe (buffers are reused).
/// </summary>
public sealed class ElasticAllocator
{
    private readonly ElasticAllocatorOptions _options;
    private readonly PriorityQueue<(int Job, int Pool, int Cards), (double Ratio, int Job)> _heap = new(Comparer<(double Ratio, int Job)>.Create(static (a, b) =>
    {
        var byRatio = b.Ratio.CompareTo(a.Ratio);
        return byRatio != 0 ? byRatio : a.Job.CompareTo(b.Job);
    }));

    private int[] _free = [];
    private double[] _weight = [];
    private (int Pool, int Cards)[] _tentative = [];

    /// <summary>Creates an allocator with <paramref name="options"/>.</summary>
    public ElasticAllocator(ElasticAllocatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>
    /// Decides every job's pool and cards; <paramref name="result"/>[i] is job i's. A running job
    /// keeps its cards unless the result says otherwise; the pools' cards must count the cards the
    /// running jobs hold on them.
    /// </summary>
    public void Allocate(ReadOnlySpan<ElasticJob> jobs, ReadOnlySpan<ElasticPool> pools, Span<ElasticAssignment> result)
    {
        if (result.Length < jobs.Length)
        {
            throw new ArgumentException("the result must have room for every job", nameof(result));
        }

        var n = jobs.Length;
        Ensure(n, pools.Length);
        for (var p = 0; p < pools.Length; p++)
        {
            _free[p] = pools[p].Cards;
        }

        _heap.Clear();
        for (var i = 0; i < n; i++)
        {
            Validate(jobs[i], i);
            _weight[i] = Weight(jobs[i], pools);
            _tentative[i] = (-1, 0);
            Push(jobs, pools, i);
        }

        while (_heap.TryDequeue(out var step, out _))
        {
            // Free cards only shrink, so a queued step that still fits is still its job's best;
            // one that no longer fits is replaced by the job's best step now.
            var i = step.Job;
            var (_, cards) = _tentative[i];
            if (step.Cards - cards > _free[step.Pool])
            {
                Push(jobs, pools, i);
                continue;
            }

            _free[step.Pool] -= step.Cards - cards;
            _tentative[i] = (step.Pool, step.Cards);
            Push(jobs, pools, i);
        }

        for (var i = 0; i < n; i++)
        {
            var (pool, cards) = _tentative[i];
            result[i] = cards > 0 ? new ElasticAssignment(pool, cards, Value(jobs[i], i, pool, cards)) : ElasticAssignment.None;
        }
    }

    private void Push(ReadOnlySpan<ElasticJob> jobs, ReadOnlySpan<ElasticPool> pools, int i)
    {
        var candidate = Best(jobs[i], pools, i);
        if (candidate.Ratio > 0)
        {
            _heap.Enqueue((i, candidate.Pool, candidate.Cards), (candidate.Ratio, i));
        }
    }

    // The step from job i's tentative allocation with the best gain in value per card, within the
    // pools' free cards; Ratio <= 0 when no step gains.
    private (int Pool, int Cards, double Ratio) Best(in ElasticJob job, ReadOnlySpan<ElasticPool> pools, int i)
    {
        var (pool, cards) = _tentative[i];
        var best = (Pool: -1, Cards: 0, Ratio: 0.0);
        var throughput = job.Throughput.Span;
        if (cards > 0)
        {
            var current = Value(job, i, pool, cards);
            var top = throughput[cards];
            var most = Math.Min(job.MaxCards, cards + _free[pool]);
            for (var k = cards + 1; k <= most; k++)
            {
                if (throughput[k] <= top || !pools[pool].Holds(k))
                {
                    continue;
                }

                top = throughput[k];
                var ratio = (Value(job, i, pool, k) - current) / (k - cards);
                if (ratio > best.Ratio)
                {
                    best = (pool, k, ratio);
                }
            }

            return best;
        }

        for (var p = 0; p < pools.Length; p++)
        {
            if (job.SpeedOn(p) <= 0 || _free[p] < job.MinCards)
            {
                continue;
            }

            var top = 0.0;
            var most = Math.Min(job.MaxCards, _free[p]);
            for (var k = job.MinCards; k <= most; k++)
            {
                if (throughput[k] <= top || !pools[p].Holds(k))
                {
                    continue;
                }

                top = throughput[k];
                var ratio = Value(job, i, p, k) / k;
                if (ratio > best.Ratio)
                {
                    best = (p, k, ratio);
                }
            }
        }

        return best;
    }

    // Weight over remaining seconds, the remaining seconds counting a restart when the job would
    // restart: a running job changing its pool or size pays the hysteresis, a waiting job that has
    // run before pays one restart to resume.
    private double Value(in ElasticJob job, int i, int pool, int cards)
    {
        var rate = job.Throughput.Span[cards] * job.SpeedOn(pool);
        if (!(rate > 0))
        {
            return 0;
        }

        var seconds = job.RemainingWork / rate;
        if (job.IsRunning)
        {
            if (pool != job.Pool || cards != job.Cards)
            {
                seconds += _options.RestartSeconds * _options.Hysteresis;
            }
        }
        else if (job.Resumes)
        {
            seconds += _options.RestartSeconds;
        }

        return _weight[i] / Math.Max(seconds, 1e-9);
    }

    private double Weight(in ElasticJob job, ReadOnlySpan<ElasticPool> pools)
    {
        if (job.WaitingSeconds <= 0 || _options.StarvationFactor <= 0)
        {
            return 1;
        }

        var fastest = 0.0;
        for (var p = 0; p < pools.Length; p++)
        {
            fastest = Math.Max(fastest, job.SpeedOn(p));
        }

        var rate = job.Throughput.Span[job.MinCards] * fastest;
        var alone = rate > 0 ? job.RemainingWork / rate : double.PositiveInfinity;
        return 1 + (job.WaitingSeconds / (_options.StarvationFactor * Math.Max(alone, 1)));
    }

    private static void Validate(in ElasticJob job, int i)
    {
        if (job.MinCards < 1 || job.MaxCards < job.MinCards || job.Throughput.Length <= job.MaxCards)
        {
            throw new ArgumentException($"job {job.Id} (index {i}) needs 1 <= MinCards <= MaxCards < Throughput.Length");
        }
    }

    private void Ensure(int jobs, int pools)
    {
        if (_free.Length < pools)
        {
            _free = new int[pools];
        }

        if (_weight.Length < jobs)
        {
            var size = Math.Max(jobs, _weight.Length * 2);
            _weight = new double[size];
            _tentative = new (int, int)[size];
        }
    }
}
