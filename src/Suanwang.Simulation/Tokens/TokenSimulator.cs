using System.Diagnostics;
using Suanwang.Core.Networks;
using Suanwang.Scheduling.Tokens;

namespace Suanwang.Simulation.Tokens;

/// <summary>
/// Replays an inference trace through the token router over a network's model endpoints, in
/// virtual time: arrivals, prefill (prefix-cache hits skip cached blocks) and continuously batched
/// decode per replica. Deterministic for a given seed.
/// </summary>
public sealed partial class TokenSimulator
{
    private static readonly DateTimeOffset s_origin = DateTimeOffset.UnixEpoch;

    private readonly Network _network;
    private readonly TokenTrace _trace;
    private readonly TokenSimulationOptions _options;
    private readonly EndpointRun[] _runs;
    private readonly TokenRouter _router;
    private readonly PriorityQueue<(int Kind, int Target, long Version), (double Time, long Order)> _events = new();
    private readonly Queue<int> _gateway = new();
    private readonly IReadOnlyList<string>?[] _allowed;
    private readonly int[] _endpointOf;
    private readonly double[] _dispatchAt;
    private readonly double[] _firstTokenAt;
    private readonly double[] _ttft;
    private readonly double[] _e2e;
    private readonly bool _carbonVaries;
    private long _order;
    private long _eventCount;
    private double _now;
    private int _ended;
    private int _refused;
    private int _queued;
    private long _cachedTokens;
    private decimal _cost;

    /// <summary>Prepares a replay of <paramref name="trace"/> over <paramref name="network"/>.</summary>
    public TokenSimulator(Network network, TokenTrace trace, TokenSimulationOptions options)
    {
        _network = network;
        _trace = trace;
        _options = options;
        var sites = InferenceNetwork.Build(network, options.Model);
        _runs = [.. sites.Select(s => new EndpointRun(s))];
        _router = new TokenRouter([.. sites.Select(s => s.Endpoint)], new RouterOptions { Policy = options.Policy });
        _carbonVaries = sites.Any(s => s.Site.Carbon.Points.Count > 1);
        var n = trace.Count;
        _allowed = new IReadOnlyList<string>?[n];
        var random = new Random(options.Seed);
        for (var i = 0; i < n; i++)
        {
            if (options.RestrictedShare > 0 && random.NextDouble() < options.RestrictedShare)
            {
                _allowed[i] = options.RestrictedTo;
            }
        }

        _endpointOf = new int[n];
        _dispatchAt = new double[n];
        _firstTokenAt = new double[n];
        _ttft = new double[n];
        _e2e = new double[n];
        Array.Fill(_endpointOf, -1);
    }

    /// <summary>The endpoints the replay routes over.</summary>
    public IReadOnlyList<InferenceSite> Sites => [.. _runs.Select(r => r.Site)];

    /// <summary>Runs to the end; reports the share of requests ended through <paramref name="progress"/>.</summary>
    public TokenPolicyResult Run(IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var total = _trace.Count;
        var next = 0;
        var reportEvery = Math.Max(1, total / 200);
        while (_ended < total)
        {
            if ((_eventCount & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var arrival = next < total ? _trace.Arrival[next] : double.PositiveInfinity;
            var eventTime = _events.TryPeek(out _, out var key) ? key.Time : double.PositiveInfinity;
            if (double.IsPositiveInfinity(arrival) && double.IsPositiveInfinity(eventTime))
            {
                throw new InvalidOperationException($"the token replay stalled at t={_now:0.###}s with {_gateway.Count} requests waiting at the gateway");
            }

            var ended = _ended;
            if (arrival <= eventTime)
            {
                _now = arrival;
                Arrive(next++);
            }
            else
            {
                var e = _events.Dequeue();
                _now = eventTime;
                Handle(e.Kind, e.Target, e.Version);
            }

            if (progress is not null && ended / reportEvery != _ended / reportEvery)
            {
                progress.Report((double)_ended / total);
            }
        }

        progress?.Report(1.0);
        return Result(clock.Elapsed.TotalSeconds);
    }

    private void Arrive(int i)
    {
        _eventCount++;
        if (_gateway.Count > 0)
        {
            _gateway.Enqueue(i);
            _queued++;
            return;
        }

        var outcome = TryDispatch(i);
        if (outcome == RouteOutcome.AllBusy)
        {
            _gateway.Enqueue(i);
            _queued++;
        }
        else if (outcome != RouteOutcome.Routed)
        {
            Refuse(i);
        }
    }

    private RouteOutcome TryDispatch(int i)
    {
        if (_carbonVaries)
        {
            foreach (var r in _runs)
            {
                r.Endpoint.CarbonGramsPerKwh = r.Site.Site.Carbon.At(_now);
            }
        }

        var request = new TokenRequest(_options.Model.Id, _trace.Input[i], _trace.Output[i], _allowed[i], _trace.Blocks(i));
        var now = s_origin.AddSeconds(_now);
        var decision = _router.Route(request, now);
        if (!decision.IsRouted)
        {
            return decision.Outcome;
        }

        var endpoint = decision.Endpoints[0];
        _router.Dispatched(endpoint, request, now);
        _endpointOf[i] = endpoint.Index;
        _dispatchAt[i] = _now;
        var run = _runs[endpoint.Index];
        run.Enter(_now);
        if (run.Occupied < run.Hardware.BatchSlots)
        {
            StartPrefill(run, i);
        }
        else
        {
            run.Waiting.Enqueue(i);
            endpoint.QueueDepth = run.Waiting.Count;
        }

        return RouteOutcome.Routed;
    }

    private void Refuse(int i)
    {
        _refused++;
        _ended++;
        _ttft[i] = double.NaN;
        _e2e[i] = double.NaN;
    }

    private void Push(double time, int kind, int target, long version) => _events.Enqueue((kind, target, version), (time, _order++));
}
