using Suanwang.Scheduling.Engine;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.State;
using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Metrics;

/// <summary>
/// Everything measured during a run, per job and per site, and the sampled series. Money is
/// decimal; a run segment (start to completion, preemption or eviction) is charged once.
/// </summary>
internal sealed partial class RunMetrics
{
    private readonly Workload.Workload _workload;
    private readonly ClusterState _state;
    private readonly int[] _epoch;
    private readonly double[] _start;
    private readonly double[] _end;
    private readonly int[] _pool;
    private readonly int[] _cards;
    private readonly bool[] _completed;
    private readonly double[] _siteBusy;
    private readonly int[] _siteStarts;
    private readonly int[] _siteFailures;
    private readonly double[] _siteDownSince;
    private readonly double[] _siteDowntime;
    private readonly decimal[] _price;
    private readonly decimal[] _spotPrice;
    private readonly List<SeriesPoint> _utilization = [];
    private readonly List<SeriesPoint> _queue = [];
    private double _origin;
    private double _interval;
    private double _nextSample;
    private double _lastEnd;
    private decimal _cost;
    private double _energyKwh;
    private double _co2Kg;
    private int _completedCount;
    private int _rejected;
    private int _preemptions;
    private int _requeued;

    public RunMetrics(Workload.Workload workload, ClusterState state)
    {
        _workload = workload;
        _state = state;
        var n = workload.Requests.Length;
        _epoch = new int[n];
        _start = new double[n];
        _end = new double[n];
        _pool = new int[n];
        _cards = new int[n];
        _completed = new bool[n];
        _siteBusy = new double[state.SiteCount];
        _siteStarts = new int[state.SiteCount];
        _siteFailures = new int[state.SiteCount];
        _siteDownSince = new double[state.SiteCount];
        _siteDowntime = new double[state.SiteCount];
        _price = new decimal[state.PoolCount];
        _spotPrice = new decimal[state.PoolCount];
        var network = state.Network;
        var p = 0;
        foreach (var site in network.Sites)
        {
            foreach (var pool in site.Pools)
            {
                _price[p] = network.ToBase(pool.PricePerCardHour, pool.Currency);
                _spotPrice[p] = network.ToBase(pool.SpotPricePerCardHour, pool.Currency);
                p++;
            }
        }
    }

    /// <summary>Jobs completed or rejected.</summary>
    public int Ended { get; private set; }

    public void Start(double origin, double interval)
    {
        _origin = origin;
        _lastEnd = origin;
        _interval = interval;
        _nextSample = origin;
    }

    public void SampleUntil(double t, int busyCards, int waiting)
    {
        var utilization = _state.TotalCards > 0 ? (double)busyCards / _state.TotalCards : 0;
        while (_nextSample <= t)
        {
            _utilization.Add(new SeriesPoint(_nextSample - _origin, utilization));
            _queue.Add(new SeriesPoint(_nextSample - _origin, waiting));
            _nextSample += _interval;
        }
    }

    public int Epoch(int job) => _epoch[job];

    public int Started(int job, QueuedJob queued, Placement placement, double now)
    {
        _start[job] = now;
        _pool[job] = placement.Pool;
        _cards[job] = placement.Shape.Cards;
        _siteStarts[placement.Site]++;
        return ++_epoch[job];
    }

    public void Stopped(int job, QueuedJob queued, double now, bool completed)
    {
        Charge(job, queued, now);
        if (completed)
        {
            _end[job] = now;
            _completed[job] = true;
            _completedCount++;
            _lastEnd = Math.Max(_lastEnd, now);
            Ended++;
        }
    }

    public void Interrupted(int job, QueuedJob queued, double now, bool preempted)
    {
        Charge(job, queued, now);

        // The run's completion event is now stale.
        _epoch[job]++;
        if (preempted)
        {
            _preemptions++;
        }
        else
        {
            _requeued++;
        }
    }

    public void Rejected(int job)
    {
        _rejected++;
        Ended++;
    }

    public void SiteFailed(int site, double now)
    {
        _siteFailures[site]++;
        _siteDownSince[site] = now;
    }

    public void SiteRecovered(int site, double now) => _siteDowntime[site] += now - _siteDownSince[site];

    private void Charge(int job, QueuedJob queued, double now)
    {
        var seconds = now - _start[job];
        var pool = _pool[job];
        var cards = _cards[job];
        var site = _state.PoolSite[pool];
        _siteBusy[site] += seconds * cards;
        var price = queued.Request.Spot ? _spotPrice[pool] : _price[pool];
        _cost += price * cards * (decimal)(seconds / 3600.0);
        var kwh = _state.PoolWatts[pool] * cards * seconds / 3600.0 / 1000.0;
        _energyKwh += kwh;
        _co2Kg += kwh * _state.Network.Sites[site].Carbon.MeanOver(_start[job], now) / 1000.0;
    }
}
