using Suanwang.Core.Networks;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.State;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Tests.Simulation;

/// <summary>
/// Watches a run through the simulator's decision and completion seams and keeps its own account of
/// which job holds which cards, independent of the scheduler's free counts. Breaches are collected,
/// not thrown, so each invariant is reported by its own test.
/// </summary>
internal sealed class RunChecker
{
    private const int MaxReported = 5;
    private readonly ClusterState _layout;
    private readonly HashSet<QueuedJob> _running = [];
    private readonly HashSet<QueuedJob> _seen = [];
    private readonly HashSet<long> _completed = [];
    private readonly int[] _held;
    private readonly decimal[] _price;
    private readonly decimal[] _spotPrice;
    private readonly Dictionary<QueuedJob, (double Start, int Pool, int Cards)> _segments = [];
    private readonly Dictionary<QueuedJob, (double Start, double Overhead, double RunSeconds)> _runs = [];
    private readonly Dictionary<QueuedJob, double> _workDone = [];
    private readonly Dictionary<QueuedJob, double> _attained = [];

    private RunChecker(Network network)
    {
        _layout = new ClusterState(network);
        _held = new int[_layout.NodeFree.Length];
        var pools = network.Sites.SelectMany(s => s.Pools).ToArray();
        _price = pools.Select(p => network.ToBase(p.PricePerCardHour, p.Currency)).ToArray();
        _spotPrice = pools.Select(p => network.ToBase(p.SpotPricePerCardHour, p.Currency)).ToArray();
    }

    /// <summary>Every run segment (start to completion, preemption or eviction) at its pool's price per card-hour, spot or not.</summary>
    public decimal SegmentCost { get; private set; }

    /// <summary>Cards on a node held by more jobs than it has cards, with when.</summary>
    public List<string> CardConflicts { get; } = [];

    /// <summary>Starts before the job's submission.</summary>
    public List<string> EarlyStarts { get; } = [];

    /// <summary>Disagreements between the decisions seen and the jobs' state: a job that ended without running, finished early, or completed twice.</summary>
    public List<string> Bookkeeping { get; } = [];

    /// <summary>A job's attained service seen to fall between two batches of decisions.</summary>
    public List<string> AttainedDecreases { get; } = [];

    /// <summary>Completed jobs whose runs did other than the whole of their work: all of it over the runs of a preemptible job, all of it in the last run of any other.</summary>
    public List<string> WorkMismatches { get; } = [];

    /// <summary>Every start: job id and simulated time, in order.</summary>
    public List<(long Job, double Time, int Pool)> Starts { get; } = [];

    /// <summary>Every completion: job id and simulated time, in order.</summary>
    public List<(long Job, double Time)> Completions { get; } = [];

    public int Preemptions { get; private set; }

    public int Evictions { get; private set; }

    public int Batches { get; private set; }

    /// <summary>Runs <paramref name="trace"/> over <paramref name="network"/> with the checker attached.</summary>
    public static (SimulationResult Result, RunChecker Checker) Run(Network network, Trace trace, SimulationOptions options)
    {
        var checker = new RunChecker(network);
        var simulator = new Simulator(network, trace, options)
        {
            OnDecisions = checker.Decided,
            OnCompletion = checker.Completed,
        };
        var result = simulator.Run();
        checker.Finished();
        return (result, checker);
    }

    private void Decided(double now, IReadOnlyList<Decision> decisions)
    {
        Batches++;
        foreach (var d in decisions)
        {
            var job = d.Job;
            switch (d.Kind)
            {
                case DecisionKind.Started:
                    _seen.Add(job);
                    Starts.Add((job.Request.JobId, now, d.Placement.Pool));
                    if (now < job.Request.SubmitTime)
                    {
                        Report(EarlyStarts, $"job {job.Request.JobId} started at t={now} but arrived at t={job.Request.SubmitTime}");
                    }

                    if (!_running.Add(job))
                    {
                        Report(Bookkeeping, $"job {job.Request.JobId} started at t={now} while running");
                    }

                    _segments[job] = (now, d.Placement.Pool, d.Placement.Shape.Cards);
                    _runs[job] = (now, job.StartOverheadSeconds, job.RunSeconds);

                    break;
                case DecisionKind.Preempted:
                case DecisionKind.Evicted:
                    if (d.Kind == DecisionKind.Preempted)
                    {
                        Preemptions++;
                    }
                    else
                    {
                        Evictions++;
                    }

                    if (!_running.Remove(job))
                    {
                        Report(Bookkeeping, $"job {job.Request.JobId} was {d.Kind} at t={now} but was not running");
                    }

                    CloseSegment(job, now);
                    CloseRun(job, now);

                    break;
            }
        }

        CheckHoldings(now);
        CheckAttained(now);
    }

    private void Completed(double now, QueuedJob job)
    {
        var id = job.Request.JobId;
        Completions.Add((id, now));
        if (!_running.Remove(job))
        {
            Report(Bookkeeping, $"job {id} completed at t={now} but was not running");
        }

        CloseSegment(job, now);
        var last = CloseRun(job, now);
        var done = job.Request.Preemptible ? _workDone.GetValueOrDefault(job) : last;
        if (Math.Abs(done - 1) > 1e-9)
        {
            Report(WorkMismatches, $"job {id} completed at t={now} having done {done:R} of its work (preemptible: {job.Request.Preemptible})");
        }

        if (!_completed.Add(id))
        {
            Report(Bookkeeping, $"job {id} completed twice");
        }

        // A run that was cut short must not complete on its old schedule.
        if (now != job.ExpectedEnd || now < job.StartTime)
        {
            Report(Bookkeeping, $"job {id} completed at t={now}, its last run started at t={job.StartTime} and was to end at t={job.ExpectedEnd}");
        }
    }

    private void CloseSegment(QueuedJob job, double now)
    {
        if (_segments.Remove(job, out var segment))
        {
            var price = job.Request.Spot ? _spotPrice[segment.Pool] : _price[segment.Pool];
            SegmentCost += price * segment.Cards * (decimal)(now - segment.Start) / 3600m;
        }
    }

    // The share of its work a run did: time past its start-up overhead over the whole work's run time on its pool.
    private double CloseRun(QueuedJob job, double now)
    {
        if (!_runs.Remove(job, out var run) || run.RunSeconds <= 0)
        {
            return 0;
        }

        var share = Math.Max(0, now - run.Start - run.Overhead) / run.RunSeconds;
        _workDone[job] = _workDone.GetValueOrDefault(job) + share;
        return share;
    }

    private void CheckAttained(double now)
    {
        foreach (var job in _seen)
        {
            var attained = job.AttainedAt(now);
            if (_attained.TryGetValue(job, out var before) && attained < before)
            {
                Report(AttainedDecreases, $"job {job.Request.JobId} attained {attained} card-seconds at t={now}, down from {before}");
            }

            _attained[job] = attained;
        }
    }

    private void CheckHoldings(double now)
    {
        Array.Clear(_held);
        foreach (var job in _seen)
        {
            if (job.IsRunning != _running.Contains(job))
            {
                Report(Bookkeeping, $"at t={now} job {job.Request.JobId} is running={job.IsRunning} but the decisions say {_running.Contains(job)}");
            }
        }

        foreach (var job in _running)
        {
            if (job.Allocation is not { } a)
            {
                continue;
            }

            for (var i = 0; i < a.Nodes; i++)
            {
                var node = _layout.PoolNodeStart[a.Pool] + a.Node(i);
                _held[node] += a.CardsPerNode;
                if (a.Node(i) >= _layout.PoolNodes[a.Pool] || _held[node] > _layout.PoolCardsPerNode[a.Pool])
                {
                    Report(CardConflicts, $"at t={now} node {a.Node(i)} of {_layout.Network.Sites[_layout.PoolSite[a.Pool]].Id} holds {_held[node]} cards of {_layout.PoolCardsPerNode[a.Pool]} (job {job.Request.JobId})");
                }
            }
        }
    }

    private void Finished()
    {
        if (_running.Count > 0)
        {
            Report(Bookkeeping, $"{_running.Count} jobs still hold cards after the run");
        }
    }

    private static void Report(List<string> list, string message)
    {
        if (list.Count < MaxReported)
        {
            list.Add(message);
        }
    }
}
