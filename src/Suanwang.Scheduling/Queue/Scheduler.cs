using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Filters;
using Suanwang.Scheduling.Quotes;
using Suanwang.Scheduling.Requests;
using Suanwang.Scheduling.State;

namespace Suanwang.Scheduling.Queue;

/// <summary>
/// The scheduling loop's brain: holds waiting and running jobs, and in each cycle takes waiting
/// jobs in the queue policy's order through the placement engine. Deterministic: the same calls
/// in the same order give the same decisions. The host (simulator or server) owns time and
/// carries out the decisions. Not thread-safe.
/// </summary>
public sealed partial class Scheduler : IStartEstimator
{
    private const int StrictBatch = 16;
    private readonly ClusterState _state;
    private readonly PlacementEngine _engine;
    private readonly PlacementEngine _static;
    private readonly ReservationFilter _reservation = new();
    private readonly IQueuePolicy _queue;
    private readonly SchedulerOptions _options;
    private readonly List<QueuedJob>[] _runningByPool;
    private readonly List<QueuedJob> _scan = [];
    private readonly List<Decision> _decisions = [];

    // Spot cards running on each pool, kept as jobs start and stop so preemption need not walk running jobs.
    private readonly int[] _spotCards;
    private long _sequence;
    private long _cycle;
    private double _now;

    /// <summary>Creates a scheduler over <paramref name="state"/> with the plugins of <paramref name="profile"/>.</summary>
    public Scheduler(ClusterState state, SchedulerProfile profile, IQueuePolicy queue, SchedulerOptions options)
    {
        _state = state;
        _queue = queue;
        _options = options;
        Profile = profile;
        _engine = new PlacementEngine(state, new SchedulerProfile([.. profile.Filters, _reservation], profile.Scores, profile.Weights, profile.Packer));

        // Rules no change of load can fix: a job failing them on every pool is rejected at once.
        var permanent = profile.Filters.Where(f => f is AcceleratorFilter or JurisdictionFilter or PinnedSiteFilter or TimeLimitFilter or BudgetFilter).ToList();
        _static = new PlacementEngine(state, new SchedulerProfile([.. permanent, new GangSizeFilter()], [], profile.Weights, profile.Packer));
        _runningByPool = new List<QueuedJob>[state.PoolCount];
        _endsFresh = new bool[state.PoolCount];
        _endAt = new double[state.PoolCount][];
        _freedBy = new int[state.PoolCount][];
        _endCount = new int[state.PoolCount];
        _spotCards = new int[state.PoolCount];
        for (var p = 0; p < _runningByPool.Length; p++)
        {
            _runningByPool[p] = [];
        }
    }

    /// <summary>The plugins in use.</summary>
    public SchedulerProfile Profile { get; }

    /// <summary>The engine, for quotes and explanations.</summary>
    public PlacementEngine Engine => _engine;

    /// <summary>Jobs waiting.</summary>
    public int Waiting => _queue.Count;

    /// <summary>Jobs running.</summary>
    public int Running { get; private set; }

    /// <summary>Cards held by running jobs.</summary>
    public int BusyCards { get; private set; }

    /// <summary>
    /// Accepts a job. Returns null when it is queued, or the reason when no pool could ever run
    /// it (wrong model, data law, gang larger than any pool), in which case it is not queued.
    /// </summary>
    public string? Submit(QueuedJob job, double now)
    {
        if (_static.CountFeasible(job.Request, now) == 0)
        {
            return _static.Explain(job.Request, now).Message;
        }

        _queue.Enqueue(job);
        return null;
    }

    /// <summary>
    /// Puts back a job that was already placed or running before a restart, on its recorded
    /// allocation; false when the cards are not free (the caller must requeue it instead).
    /// </summary>
    public bool Restore(QueuedJob job, Allocation allocation, double startTime, double expectedEnd)
    {
        if (!_state.Restore(allocation))
        {
            return false;
        }

        job.StartTime = startTime;
        job.ExpectedEnd = expectedEnd;
        Track(job, allocation);
        return true;
    }

    /// <summary>Wraps a request in a new queued job with the next arrival sequence.</summary>
    public QueuedJob NewJob(in PlacementRequest request) => new(request, _sequence++);

    /// <summary>Wraps a request with a caller-chosen sequence (a stored job id), keeping arrival order across restarts.</summary>
    public QueuedJob NewJob(in PlacementRequest request, long sequence)
    {
        _sequence = Math.Max(_sequence, sequence + 1);
        return new QueuedJob(request, sequence);
    }

    /// <summary>
    /// Runs one cycle at <paramref name="now"/>: starts what can start, preempts spot work for
    /// blocked jobs when allowed. The returned list is reused by the next cycle.
    /// </summary>
    public IReadOnlyList<Decision> RunCycle(double now)
    {
        _decisions.Clear();
        if (_queue.Count == 0)
        {
            return _decisions;
        }

        _cycle++;
        _now = Math.Max(_now, now);
        _state.AdvanceTo(now);
        _reservation.Clear();
        if (_queue is IPreemptiveQueuePolicy preemptive)
        {
            preemptive.Refresh(now);
            RunPreemptiveCycle(now);
        }
        else if (_options.Backfill)
        {
            _scan.Clear();
            _queue.Snapshot(_scan, _options.MaxScan);
            foreach (var job in _scan)
            {
                if (OverCap(job))
                {
                    continue;
                }

                // Only jobs ahead of the first one that stays blocked may preempt spot work; later
                // jobs merely backfill, so they never take what the reservation promises.
                if (_engine.TryPlace(job.Request, now, out var placement) && TryStart(job, placement, now))
                {
                    continue;
                }

                if (!_reservation.Active && !TryPreemptFor(job, now))
                {
                    Reserve(job, now);
                }
            }
        }
        else
        {
            // Strict order: nothing behind a blocked job may start. Take the head in small
            // batches so a long queue costs nothing while its head is blocked.
            // A job held by its tenant's card cap is passed over, not a block: the next batch
            // reaches past the held ones.
            var blocked = false;
            var capped = 0;
            while (!blocked && _queue.Count > capped)
            {
                _scan.Clear();
                _queue.Snapshot(_scan, capped + StrictBatch);
                capped = 0;
                foreach (var job in _scan)
                {
                    if (OverCap(job))
                    {
                        capped++;
                        continue;
                    }

                    if (!TryPlaceOrPreempt(job, now))
                    {
                        blocked = true;
                        break;
                    }
                }
            }
        }

        _reservation.Clear();
        return _decisions;
    }

    /// <summary>A running job ended (finished, failed or was cancelled): its cards are free again.</summary>
    public void Finish(QueuedJob job) => Finish(job, Math.Max(_now, job.StartTime));

    /// <summary>A running job ended at <paramref name="now"/>: its cards are free again and its attained service counts the run.</summary>
    public void Finish(QueuedJob job, double now)
    {
        if (job.Allocation is null)
        {
            throw new InvalidOperationException($"job {job.Request.JobId} is not running");
        }

        Stop(job, now, finished: true);
    }

    /// <summary>Removes a waiting job (cancelled before it started); false when it was not waiting.</summary>
    public bool Withdraw(QueuedJob job)
    {
        if (job.IsRunning)
        {
            return false;
        }

        var before = _queue.Count;
        _queue.Remove(job);
        return _queue.Count < before;
    }

    /// <summary>Takes a site down: its running jobs go back to the queue. Returns the evictions.</summary>
    public IReadOnlyList<Decision> SiteDown(int site) => SiteDown(site, _now);

    /// <summary>Takes a site down at <paramref name="now"/>: its running jobs go back to the queue (preemptible ones keep their progress). Returns the evictions.</summary>
    public IReadOnlyList<Decision> SiteDown(int site, double now)
    {
        _now = Math.Max(_now, now);
        _decisions.Clear();
        _state.SetSiteUp(site, false);
        for (var p = _state.SiteFirstPool[site]; p < _state.SiteFirstPool[site + 1]; p++)
        {
            var running = _runningByPool[p];
            while (running.Count > 0)
            {
                var job = running[^1];
                Stop(job, Math.Max(now, job.StartTime), finished: false);
                _queue.Enqueue(job);
                _decisions.Add(new Decision(DecisionKind.Evicted, job, default, "site failed"));
            }
        }

        return _decisions;
    }

    /// <summary>Brings a site back up.</summary>
    public void SiteUp(int site) => _state.SetSiteUp(site, true);

    private bool TryPlaceOrPreempt(QueuedJob job, double now) =>
        (_engine.TryPlace(job.Request, now, out var placement) && TryStart(job, placement, now)) || TryPreemptFor(job, now);

    private bool TryPreemptFor(QueuedJob job, double now) =>
        ((_options.PreemptSpot && !job.Request.Spot) || _queue is IPreemptiveQueuePolicy) && TryPreempt(job, now);

    private bool TryStart(QueuedJob job, Placement placement, double now)
    {
        if (OverCap(job, placement.Shape.Cards) || _state.Allocate(placement.Pool, placement.Shape, Profile.Packer) is not { } allocation)
        {
            return false;
        }

        _reservation.Consume(job.Request, _state, placement.Pool, now);
        _queue.Remove(job);
        job.StartTime = now;
        job.StartCycle = _cycle;

        // A job resuming from its checkpoint pays the restart and does only the work left.
        var restart = job.Request.Preemptible && job.Restarts > 0 ? _options.RestartSeconds : 0;
        job.RunSeconds = placement.RuntimeSeconds;
        job.StartOverheadSeconds = placement.WaitSeconds + placement.TransferSeconds + restart;
        job.ExpectedEnd = now + job.StartOverheadSeconds + (placement.RuntimeSeconds * (1 - job.Progress));
        Track(job, allocation);
        _decisions.Add(new Decision(DecisionKind.Started, job, placement, null));
        return true;
    }

    /// <summary>
    /// Sets the reserved blocks in force (see <see cref="ClusterState.SetBlocks"/>) and counts the
    /// cards their tenants' running jobs already use on their pools.
    /// </summary>
    public void SetBlocks(ReadOnlySpan<HeldBlock> blocks)
    {
        _state.SetBlocks(blocks);
        if (!_state.HasBlocks)
        {
            return;
        }

        for (var p = 0; p < _runningByPool.Length; p++)
        {
            if (_state.PoolHasBlocks(p))
            {
                foreach (var running in _runningByPool[p])
                {
                    _state.AddBlockUse(p, running.Request.Tenant, running.Allocation!.Value.Cards);
                }
            }
        }
    }

    private void Track(QueuedJob job, Allocation allocation)
    {
        job.Allocation = allocation;
        job.InBlock = false;
        if (_state.PoolHasBlocks(allocation.Pool))
        {
            var tenant = job.Request.Tenant;
            job.InBlock = _state.BlockRoom(allocation.Pool, tenant) >= allocation.Cards && job.ExpectedEnd <= _state.BlockEnds(allocation.Pool, tenant);
            _state.AddBlockUse(allocation.Pool, tenant, allocation.Cards);
        }

        _runningByPool[allocation.Pool].Add(job);
        _endsFresh[allocation.Pool] = false;
        CountCards(job, allocation.Cards);
        Running++;
        BusyCards += allocation.Cards;
        if (job.Request.Spot)
        {
            _spotCards[allocation.Pool] += allocation.Cards;
            _spotCardsTotal += allocation.Cards;
        }

        _queue.Started(job);
    }

    private void Stop(QueuedJob job, double now, bool finished)
    {
        var allocation = job.Allocation!.Value;
        var held = Math.Max(0, now - job.StartTime);
        job.AttainedCardSeconds += allocation.Cards * held;
        if (finished)
        {
            job.Progress = 1;
        }
        else
        {
            job.WaitingSince = now;
            if (job.Request.Preemptible)
            {
                job.Restarts++;
                if (job.RunSeconds > 0)
                {
                    job.Progress = Math.Min(1, job.Progress + (Math.Max(0, held - job.StartOverheadSeconds) / job.RunSeconds));
                }
            }
        }

        _queue.Stopped(job);
        _state.Release(allocation);
        if (_state.PoolHasBlocks(allocation.Pool))
        {
            _state.AddBlockUse(allocation.Pool, job.Request.Tenant, -allocation.Cards);
        }

        var running = _runningByPool[allocation.Pool];
        var i = running.IndexOf(job);
        running[i] = running[^1];
        running.RemoveAt(running.Count - 1);
        _endsFresh[allocation.Pool] = false;
        job.Allocation = null;
        CountCards(job, -allocation.Cards);
        Running--;
        BusyCards -= allocation.Cards;
        if (job.Request.Spot)
        {
            _spotCards[allocation.Pool] -= allocation.Cards;
            _spotCardsTotal -= allocation.Cards;
        }
    }
}
