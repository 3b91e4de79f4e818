using Suanwang.Scheduling.Elastic;
using Suanwang.Simulation.Elastic;
using Suanwang.Simulation.Events;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation;

/// <summary>
/// Elastic runs: the <see cref="ElasticAllocator"/> shares the cards among the jobs at every
/// arrival and completion and every interval; a job whose size or pool changes stops at a
/// checkpoint and restarts, paying the restart cost, with its work done kept.
/// </summary>
public sealed partial class Simulator
{
    private readonly ElasticLedger? _elastic;
    private readonly List<int> _active = [];
    private ElasticAllocator? _allocator;
    private int _elasticBusy;
    private int _elasticRunning;

    /// <summary>Test seam: the elastic ledger after each reallocation and each completion, with the simulated time.</summary>
    internal Action<double, ElasticLedger>? OnElastic { get; init; }

    private ElasticLedger PrepareElastic()
    {
        var jobs = _trace.Jobs;
        var profiles = new ElasticProfile[jobs.Count];
        for (var j = 0; j < jobs.Count; j++)
        {
            profiles[j] = jobs[j].Elastic ?? ElasticProfile.Rigid(jobs[j].Cards, jobs[j].RuntimeSeconds);
        }

        var ledger = new ElasticLedger(profiles);
        var speeds = new Dictionary<(ulong Mask, int MinCards), double[]>();
        for (var j = 0; j < jobs.Count; j++)
        {
            ref readonly var request = ref _workload.Requests[j];
            var min = profiles[j].MinCards;
            if (!speeds.TryGetValue((request.ModelMask, min), out var speed))
            {
                speed = new double[_state.PoolCount];
                for (var p = 0; p < _state.PoolCount; p++)
                {
                    var pool = new ElasticPool(_state.PoolTotalCards[p], _state.PoolCardsPerNode[p], _state.PoolNodes[p]);
                    if (((request.ModelMask >> _state.PoolModel[p]) & 1UL) != 0 && pool.Holds(min))
                    {
                        speed[p] = request.ScaleRuntime && request.ReferenceTflops > 0 ? _state.PoolTflops[p] / request.ReferenceTflops : 1;
                    }
                }

                speeds[(request.ModelMask, min)] = speed;
            }

            ledger.Speed[j] = speed;
        }

        return ledger;
    }

    // An elastic job's bounds are at its best size, not the size it asked for: alone, at its
    // highest throughput on the fastest pool it may use; its work, at its fewest card-seconds.
    private static Workload.Workload ElasticBounds(Workload.Workload workload, ElasticLedger ledger)
    {
        var alone = (double[])workload.AloneSeconds.Clone();
        var work = (double[])workload.WorkPflopSeconds.Clone();
        for (var j = 0; j < alone.Length; j++)
        {
            var throughput = ledger.Throughput[j];
            var profile = ledger.Profiles[j];
            var fastest = 0.0;
            var leastCardSeconds = double.PositiveInfinity;
            for (var k = profile.MinCards; k <= profile.MaxCards && k < throughput.Length; k++)
            {
                if (throughput[k] > 0)
                {
                    fastest = Math.Max(fastest, throughput[k]);
                    leastCardSeconds = Math.Min(leastCardSeconds, k / throughput[k]);
                }
            }

            var speed = ledger.Speed[j].DefaultIfEmpty(0).Max();
            alone[j] = fastest > 0 && speed > 0 ? profile.Work / (fastest * speed) : double.PositiveInfinity;
            work[j] = profile.Work * leastCardSeconds * workload.Requests[j].ReferenceTflops / 1000.0;
        }

        return workload with { AloneSeconds = alone, WorkPflopSeconds = work };
    }

    // The allocator's turn after the events at this instant, and its next look after an interval;
    // true when nothing runs, jobs wait and no satellite pass can change that.
    private bool StepElastic()
    {
        Reallocate();
        if (_active.Count > 0 && !_wakePending)
        {
            // Remaining times shrink and waiting jobs age: the allocator looks again after an interval.
            _events.Push(new SimEvent(_now + _options.IntervalSeconds, EventKind.Wake, -1, 0));
            _wakePending = true;
        }

        return _elasticRunning == 0 && _active.Count > 0 && !_hasOrbital;
    }

    private void ArriveElastic(int job)
    {
        _eventCount++;
        _jobs[job] = _scheduler.NewJob(_workload.Requests[job]);
        if (Array.TrueForAll(_elastic!.Speed[job], s => s <= 0))
        {
            _metrics.Rejected(job);
            return;
        }

        _elastic.WaitingSince[job] = _workload.Requests[job].SubmitTime;
        _active.Add(job);
    }

    private void HandleElastic(SimEvent e)
    {
        _eventCount++;
        switch (e.Kind)
        {
            case EventKind.Completion:
                if (e.Epoch != _metrics.Epoch(e.Target) || _elastic!.Cards[e.Target] == 0)
                {
                    _eventCount--;
                    return;
                }

                CompleteElastic(e.Target);
                break;
            case EventKind.SiteFailure:
                _metrics.SiteFailed(e.Target, _now);
                _state.SetSiteUp(e.Target, false);
                for (var i = _active.Count - 1; i >= 0; i--)
                {
                    var job = _active[i];
                    if (_elastic!.Cards[job] > 0 && _state.PoolSite[_elastic.Pool[job]] == e.Target)
                    {
                        StopElastic(job, preempted: false);
                    }
                }

                var reliability = _network.Sites[e.Target].Reliability!;
                _events.Push(new SimEvent(_now + Exponential(reliability.MttrHours * 3600), EventKind.SiteRecovery, e.Target, 0));
                break;
            case EventKind.SiteRecovery:
                Recover(e.Target);
                break;
            case EventKind.Wake:
                _wakePending = false;
                break;
        }
    }
}
