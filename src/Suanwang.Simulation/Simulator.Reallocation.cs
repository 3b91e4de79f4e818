using Suanwang.Scheduling.Elastic;
using Suanwang.Scheduling.Engine;
using Suanwang.Simulation.Events;

namespace Suanwang.Simulation;

/// <summary>Elastic runs: asking the allocator and carrying out its answer.</summary>
public sealed partial class Simulator
{
    private ElasticJob[] _elasticInput = [];
    private ElasticAssignment[] _elasticOutput = [];
    private ElasticPool[] _elasticPools = [];
    private readonly List<int> _considered = [];
    private readonly List<(int Job, double Key)> _waitingOrder = [];
    private readonly List<int> _moving = [];
    private readonly List<int> _starting = [];

    private void Reallocate()
    {
        var ledger = _elastic!;
        _state.AdvanceTo(_now);
        if (_elasticPools.Length != _state.PoolCount)
        {
            _elasticPools = new ElasticPool[_state.PoolCount];
        }

        var held = new int[_state.PoolCount];
        foreach (var job in _active)
        {
            if (ledger.Cards[job] > 0)
            {
                held[ledger.Pool[job]] += ledger.Cards[job];
            }
        }

        for (var p = 0; p < _state.PoolCount; p++)
        {
            var site = _state.PoolSite[p];
            var cards = !_state.SiteUp[site] ? 0 : _state.SiteInContact[site] ? _state.PoolTotalCards[p] : held[p];
            _elasticPools[p] = new ElasticPool(cards, _state.PoolCardsPerNode[p], _state.PoolNodes[p]);
        }

        SelectConsidered();
        var n = _considered.Count;
        if (n == 0)
        {
            return;
        }

        if (_elasticInput.Length < n)
        {
            _elasticInput = new ElasticJob[Math.Max(n, _elasticInput.Length * 2)];
            _elasticOutput = new ElasticAssignment[_elasticInput.Length];
        }

        for (var i = 0; i < n; i++)
        {
            var job = _considered[i];
            var profile = ledger.Profiles[job];
            var running = ledger.Cards[job] > 0;
            _elasticInput[i] = new ElasticJob(
                job,
                profile.MinCards,
                profile.MaxCards,
                ledger.Throughput[job],
                ledger.Speed[job],
                Math.Max(0, profile.Work - ledger.DoneAt(job, _now)),
                running ? 0 : _now - ledger.WaitingSince[job],
                ledger.Pool[job],
                ledger.Cards[job],
                ledger.HasRun[job]);
        }

        _allocator!.Allocate(_elasticInput.AsSpan(0, n), _elasticPools, _elasticOutput.AsSpan(0, n));
        Carry(n);
        OnElastic?.Invoke(_now, ledger);
    }

    // Every running job, and the waiting ones with the least time left on their fewest cards up to --max-scan.
    private void SelectConsidered()
    {
        var ledger = _elastic!;
        _considered.Clear();
        _waitingOrder.Clear();
        foreach (var job in _active)
        {
            if (ledger.Cards[job] > 0)
            {
                _considered.Add(job);
            }
            else
            {
                var profile = ledger.Profiles[job];
                var rate = ledger.Throughput[job][profile.MinCards];
                _waitingOrder.Add((job, rate > 0 ? (profile.Work - ledger.WorkDone[job]) / rate : double.PositiveInfinity));
            }
        }

        if (_waitingOrder.Count > _options.MaxScan)
        {
            _waitingOrder.Sort(static (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Job.CompareTo(b.Job));
        }

        for (var i = 0; i < _waitingOrder.Count && i < _options.MaxScan; i++)
        {
            _considered.Add(_waitingOrder[i].Job);
        }
    }

    // Stops first, so their cards are free; then restarts of the jobs that changed, then starts of
    // waiting jobs, each in the allocator's order of value. A job whose cards cannot be laid out on
    // the nodes (fragmentation) tries its smaller useful sizes, and a resized job its old size.
    private void Carry(int n)
    {
        var ledger = _elastic!;
        _moving.Clear();
        _starting.Clear();
        for (var i = 0; i < n; i++)
        {
            var job = _considered[i];
            var a = _elasticOutput[i];
            if (ledger.Cards[job] > 0 && (a.Pool != ledger.Pool[job] || a.Cards != ledger.Cards[job]))
            {
                _moving.Add(i);
            }
            else if (ledger.Cards[job] == 0 && a.Cards > 0)
            {
                _starting.Add(i);
            }
        }

        Comparison<int> byValue = (x, y) =>
        {
            var c = _elasticOutput[y].Value.CompareTo(_elasticOutput[x].Value);
            return c != 0 ? c : x.CompareTo(y);
        };
        _moving.Sort(byValue);
        _starting.Sort(byValue);
        var old = new (int Pool, int Cards)[_moving.Count];
        for (var m = 0; m < _moving.Count; m++)
        {
            var job = _considered[_moving[m]];
            old[m] = (ledger.Pool[job], ledger.Cards[job]);
            StopElastic(job, preempted: true);
        }

        for (var m = 0; m < _moving.Count; m++)
        {
            var i = _moving[m];
            var job = _considered[i];
            if (_elasticOutput[i].Cards > 0 && (TryStartFitting(job, _elasticOutput[i]) || StartElastic(job, old[m].Pool, old[m].Cards)))
            {
                ledger.Resizes[job]++;
            }
        }

        foreach (var i in _starting)
        {
            TryStartFitting(_considered[i], _elasticOutput[i]);
        }
    }

    private bool TryStartFitting(int job, ElasticAssignment a)
    {
        var throughput = _elastic!.Throughput[job];
        var min = _elastic.Profiles[job].MinCards;
        for (var k = a.Cards; k >= min; k--)
        {
            if (throughput[k] > 0 && StartElastic(job, a.Pool, k))
            {
                return true;
            }
        }

        return false;
    }

    private bool StartElastic(int job, int pool, int cards)
    {
        var ledger = _elastic!;
        var request = _workload.Requests[job] with { TotalCards = cards };
        var shape = _state.ShapeOn(request, pool);
        var rate = ledger.Throughput[job][cards] * ledger.Speed[job][pool];
        if (shape.Cards != cards || !(rate > 0) || _state.Allocate(pool, shape, _packer) is not { } allocation)
        {
            return false;
        }

        var overhead = ledger.HasRun[job] ? _options.RestartSeconds : 0;
        if (ledger.HasRun[job])
        {
            ledger.Restarts[job]++;
        }

        ledger.Allocation[job] = allocation;
        ledger.Pool[job] = pool;
        ledger.Cards[job] = cards;
        ledger.Rate[job] = rate;
        ledger.SegmentStart[job] = _now;
        ledger.Overhead[job] = overhead;
        _elasticBusy += cards;
        _elasticRunning++;
        var work = ledger.Profiles[job].Work;
        var placement = new Placement(pool, _state.PoolSite[pool], shape, work / rate, 0, 0, 0, 0, 0, 0);
        var epoch = _metrics.Started(job, _jobs[job], placement, _now);
        _events.Push(new SimEvent(_now + overhead + (Math.Max(0, work - ledger.WorkDone[job]) / rate), EventKind.Completion, job, epoch));
        return true;
    }

    private void StopElastic(int job, bool preempted)
    {
        EndRun(job);
        _elastic!.WaitingSince[job] = _now;
        _metrics.Interrupted(job, _jobs[job], _now, preempted);
    }

    private void CompleteElastic(int job)
    {
        EndRun(job);
        _elastic!.Finished[job] = true;
        _active.Remove(job);
        _metrics.Stopped(job, _jobs[job], _now, completed: true);
        OnElastic?.Invoke(_now, _elastic);
    }

    // Counts the run's work and card-time and frees its cards.
    private void EndRun(int job)
    {
        var ledger = _elastic!;
        var held = Math.Max(0, _now - ledger.SegmentStart[job]);
        ledger.WorkDone[job] += ledger.Rate[job] * Math.Max(0, held - ledger.Overhead[job]);
        ledger.Attained[job] += ledger.Cards[job] * held;
        ledger.HasRun[job] = true;
        _state.Release(ledger.Allocation[job]!.Value);
        _elasticBusy -= ledger.Cards[job];
        _elasticRunning--;
        ledger.Allocation[job] = null;
        ledger.Pool[job] = -1;
        ledger.Cards[job] = 0;
        ledger.Rate[job] = 0;
    }
}
