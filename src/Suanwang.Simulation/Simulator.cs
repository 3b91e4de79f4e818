using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Elastic;
using Suanwang.Scheduling.Framework;
using Suanwang.Scheduling.Packing;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.State;
using Suanwang.Simulation.Events;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation;

/// <summary>
/// Discrete-event simulator: replays a trace over a network with the same scheduler the server
/// runs, in virtual time. Deterministic for a given seed (see DESIGN.md, Simulation).
/// </summary>
public sealed partial class Simulator
{
    /// <summary>The policy name that runs every job elastically (the same as <c>--elastic</c>).</summary>
    public const string ElasticPolicy = "elastic";

    private readonly Network _network;
    private readonly Trace _trace;
    private readonly SimulationOptions _options;
    private readonly ClusterState _state;
    private readonly Scheduler _scheduler;
    private readonly Workload.Workload _workload;
    private readonly QueuedJob[] _jobs;
    private readonly EventQueue _events = new();
    private readonly Random _random;
    private readonly bool _hasOrbital;
    private readonly bool _preemptive;
    private readonly Metrics.RunMetrics _metrics;
    private readonly INodePacker _packer;
    private double _now;
    private bool _wakePending;
    private long _eventCount;

    /// <summary>Prepares a run; throws <see cref="InputException"/> for an unknown policy, objective or packer.</summary>
    public Simulator(Network network, Trace trace, SimulationOptions options)
    {
        // "elastic" names the elastic allocator as a policy (for studies and --policy).
        options = options.Policy == ElasticPolicy ? options with { Elastic = true } : options;
        _network = network;
        _trace = trace;
        _options = options;
        _random = new Random(options.Seed);
        _state = new ClusterState(network);
        var weights = ObjectiveWeights.ForName(options.Objective)
            ?? throw new InputException("--objective", 0, "--objective", $"'{options.Objective}' is not one of time, cost, carbon, balanced");
        INodePacker packer = options.Packer switch
        {
            "best-fit" => new BestFitPacker(),
            "fragmentation-aware" => new FragmentationAwarePacker(),
            _ => throw new InputException("--packer", 0, "--packer", $"'{options.Packer}' is not one of best-fit, fragmentation-aware"),
        };
        if (options.RestartSeconds < 0 || double.IsNaN(options.RestartSeconds))
        {
            throw new InputException("--restart-cost", 0, "--restart-cost", "must be zero or more seconds");
        }

        if (!(options.IntervalSeconds > 0))
        {
            throw new InputException("--interval", 0, "--interval", "must be more than zero seconds");
        }

        if (!QueuePolicies.TryCreate(options.Elastic ? "fifo" : options.Policy, _state, out var queue, out var backfill, options.RestartSeconds))
        {
            throw new InputException("--policy", 0, "--policy", $"'{options.Policy}' is not one of {string.Join(", ", QueuePolicies.Names)}, {ElasticPolicy}");
        }

        if (options.MaxScan < 1)
        {
            throw new InputException("--max-scan", 0, "--max-scan", "must be at least 1");
        }

        if (options.SpotShare is < 0 or > 1)
        {
            throw new InputException("--spot-share", 0, "--spot-share", "must be between 0 and 1");
        }

        _packer = packer;
        _preemptive = queue is IPreemptiveQueuePolicy;
        _scheduler = new Scheduler(_state, SchedulerProfile.Default(weights, packer), queue, new SchedulerOptions(backfill, PreemptSpot: true, options.MaxScan, options.RestartSeconds));

        // Under a preemptive policy the trace's training jobs checkpoint and may be preempted.
        // Elastic jobs checkpoint too: every resize is a checkpoint-restart.
        _workload = Workload.WorkloadBuilder.Build(trace, _state, options.SpotShare, options.Seed, preemptible: _preemptive || options.Elastic);
        _jobs = new QueuedJob[_workload.Requests.Length];
        _hasOrbital = _state.SiteOrbital.Contains(true);
        if (options.Elastic)
        {
            _elastic = PrepareElastic();
            _workload = ElasticBounds(_workload, _elastic);
        }

        _metrics = new Metrics.RunMetrics(_workload, _state);
    }

    /// <summary>
    /// Test seam: each batch of decisions once carried out (a cycle's starts and preemptions, a failed
    /// site's evictions), with the simulated time. Unset, it costs one null check per batch.
    /// </summary>
    internal Action<double, IReadOnlyList<Decision>>? OnDecisions { get; init; }

    /// <summary>Test seam: each job that ran to the end, once its cards are free, with the simulated time.</summary>
    internal Action<double, QueuedJob>? OnCompletion { get; init; }

    /// <summary>Runs to the end; reports the share of jobs finished through <paramref name="progress"/>.</summary>
    public SimulationResult Run(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (_elastic is not null)
        {
            _allocator = new ElasticAllocator(new ElasticAllocatorOptions(_options.RestartSeconds));
        }

        var requests = _workload.Requests;
        var total = requests.Length;
        var next = 0;
        _now = total > 0 ? requests[0].SubmitTime : 0;
        _metrics.Start(_now, SampleInterval());
        ScheduleFirstFailures();
        var reportEvery = Math.Max(1, total / 200);
        var lastReported = -1;

        while (_metrics.Ended < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = Math.Min(next < total ? requests[next].SubmitTime : double.PositiveInfinity, _events.NextTime);
            if (double.IsPositiveInfinity(t))
            {
                throw new InvalidOperationException($"the simulation stalled at t={_now:0}s with {Waiting} jobs waiting and nothing left to happen");
            }

            _metrics.SampleUntil(t, _elastic is null ? _scheduler.BusyCards : _elasticBusy, Waiting);
            _now = t;
            while (next < total && requests[next].SubmitTime <= t)
            {
                if (_elastic is null)
                {
                    Arrive(next++);
                }
                else
                {
                    ArriveElastic(next++);
                }
            }

            while (_events.Count > 0 && _events.NextTime <= t)
            {
                if (_elastic is null)
                {
                    Handle(_events.Pop());
                }
                else
                {
                    HandleElastic(_events.Pop());
                }
            }

            var stalled = _elastic is null ? Step() : StepElastic();
            if (next == total && stalled && Array.TrueForAll(_state.SiteUp, up => up))
            {
                // Nothing runs, nothing arrives, every site is up and no satellite pass is due:
                // failures may keep coming, but the waiting jobs can never start.
                throw new InvalidOperationException($"the simulation stalled at t={_now:0}s with {Waiting} jobs waiting that no free capacity can start");
            }
            if (progress is not null && _metrics.Ended / reportEvery != lastReported)
            {
                lastReported = _metrics.Ended / reportEvery;
                progress.Report((double)_metrics.Ended / total);
            }
        }

        progress?.Report(1.0);
        var options = _elastic is null ? _options : _options with { Policy = ElasticPolicy };
        var summary = new Metrics.RunInfo(_network.Name, _trace.Source, options, _eventCount, clock.Elapsed.TotalSeconds);
        return _metrics.Finish(summary);
    }

    // Jobs waiting to start.
    private int Waiting => _elastic is null ? _scheduler.Waiting : _active.Count - _elasticRunning;

    // One scheduler cycle after the events at this instant; true when nothing runs, jobs wait and no wake is due.
    private bool Step()
    {
        Apply(_scheduler.RunCycle(_now));
        ScheduleWake();
        return _scheduler.Running == 0 && _scheduler.Waiting > 0 && !_wakePending;
    }

    private void Arrive(int index)
    {
        _eventCount++;
        var job = _scheduler.NewJob(_workload.Requests[index]);
        _jobs[index] = job;
        if (_scheduler.Submit(job, _now) is not null)
        {
            _metrics.Rejected(index);
        }
    }

    private void Handle(SimEvent e)
    {
        _eventCount++;
        switch (e.Kind)
        {
            case EventKind.Completion:
                var job = _jobs[e.Target];
                if (e.Epoch != _metrics.Epoch(e.Target) || !job.IsRunning)
                {
                    // The run this completion belonged to was preempted or evicted.
                    _eventCount--;
                    return;
                }

                _metrics.Stopped(e.Target, job, _now, completed: true);
                _scheduler.Finish(job, _now);
                OnCompletion?.Invoke(_now, job);
                break;
            case EventKind.SiteFailure:
                Fail(e.Target);
                break;
            case EventKind.SiteRecovery:
                Recover(e.Target);
                break;
            case EventKind.Wake:
                _wakePending = false;
                break;
        }
    }

    private void Apply(IReadOnlyList<Decision> decisions)
    {
        foreach (var d in decisions)
        {
            var index = (int)d.Job.Request.JobId;
            switch (d.Kind)
            {
                case DecisionKind.Started:
                    var epoch = _metrics.Started(index, d.Job, d.Placement, _now);
                    _events.Push(new SimEvent(d.Job.ExpectedEnd, EventKind.Completion, index, epoch));
                    break;
                case DecisionKind.Preempted:
                case DecisionKind.Evicted:
                    _metrics.Interrupted(index, d.Job, _now, d.Kind == DecisionKind.Preempted);
                    break;
                case DecisionKind.Rejected:
                    _metrics.Rejected(index);
                    break;
            }
        }

        OnDecisions?.Invoke(_now, decisions);
    }

    private void ScheduleWake()
    {
        if (_scheduler.Waiting == 0 || _wakePending)
        {
            return;
        }

        if (_preemptive && _scheduler.Running > 0)
        {
            // Running jobs' attained service grows: review the order every interval while jobs wait.
            _events.Push(new SimEvent(_now + _options.IntervalSeconds, EventKind.Wake, -1, 0));
            _wakePending = true;
            return;
        }

        if (!_hasOrbital)
        {
            return;
        }

        // Jobs may be waiting for a satellite to come into contact; no other event would wake them.
        var wake = double.PositiveInfinity;
        for (var s = 0; s < _state.SiteCount; s++)
        {
            if (_state.SiteOrbital[s] && !_state.SiteInContact[s] && _state.SiteUp[s])
            {
                wake = Math.Min(wake, _state.NextContact(s, _now));
            }
        }

        if (wake > _now && !double.IsPositiveInfinity(wake))
        {
            _events.Push(new SimEvent(wake, EventKind.Wake, -1, 0));
            _wakePending = true;
        }
    }

    private double SampleInterval()
    {
        var requests = _workload.Requests;
        if (requests.Length < 2)
        {
            return 60;
        }

        var span = requests[^1].SubmitTime - requests[0].SubmitTime;
        return Math.Max(60, span / 1000);
    }
}
