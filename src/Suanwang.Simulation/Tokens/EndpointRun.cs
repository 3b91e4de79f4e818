using Suanwang.Scheduling.Tokens;

namespace Suanwang.Simulation.Tokens;

/// <summary>
/// The simulated state of one replica: a FIFO wait for batch slots, prefill one prompt at a time,
/// and continuous batching of decodes. Decoding is followed as a fluid: every request in the batch
/// gains one token per step, so the replica keeps one counter of tokens per request since its start
/// and each request's finish on that counter, and the next finish is one heap peek away.
/// </summary>
internal sealed class EndpointRun
{
    private readonly PriorityQueue<int, (double Finish, long Order)> _finishing = new();
    private long _order;
    private double _tokensPerRequest;
    private double _counterAt;
    private double _busySince;

    public EndpointRun(InferenceSite site)
    {
        Site = site;
        Hardware = site.Hardware;
        Cache = new PrefixAffinityMap(site.Hardware.PrefixCacheBlocks);
    }

    public InferenceSite Site { get; }

    public EndpointHardware Hardware { get; }

    public InferenceEndpoint Endpoint => Site.Endpoint;

    /// <summary>Prefix blocks held in this replica's KV cache (the owner field is unused).</summary>
    public PrefixAffinityMap Cache { get; }

    public Queue<int> Waiting { get; } = new();

    /// <summary>Requests holding a batch slot: prefilling or decoding.</summary>
    public int Occupied { get; set; }

    /// <summary>When the prefill of the last admitted prompt ends.</summary>
    public double PrefillFreeAt { get; set; }

    public int Decoding => _finishing.Count;

    /// <summary>Bumped whenever the batch changes, so a scheduled decode check that is out of date is ignored.</summary>
    public long Version { get; private set; }

    public int InSystem { get; private set; }

    public double EnergyKwh { get; private set; }

    public double Co2Kg { get; private set; }

    public int Served { get; set; }

    public void Enter(double now)
    {
        if (InSystem++ == 0)
        {
            _busySince = now;
        }
    }

    public void Leave(double now)
    {
        if (--InSystem == 0 && now > _busySince)
        {
            var kwh = Hardware.Watts * (now - _busySince) / 3600.0 / 1000.0;
            EnergyKwh += kwh;
            Co2Kg += kwh * Site.Site.Carbon.MeanOver(_busySince, now) / 1000.0;
        }
    }

    public void Advance(double now)
    {
        if (_finishing.Count > 0 && now > _counterAt)
        {
            _tokensPerRequest += (now - _counterAt) / Hardware.DecodeStepSeconds(_finishing.Count);
        }

        _counterAt = now;
    }

    public void StartDecode(int request, int tokens)
    {
        _finishing.Enqueue(request, (_tokensPerRequest + tokens, _order++));
        Version++;
    }

    /// <summary>When the next decode finishes, or +infinity.</summary>
    public double NextFinish() =>
        _finishing.TryPeek(out _, out var key)
            ? _counterAt + (Math.Max(0, key.Finish - _tokensPerRequest) * Hardware.DecodeStepSeconds(_finishing.Count))
            : double.PositiveInfinity;

    /// <summary>Removes a request whose tokens are all decoded by now; false when none is.</summary>
    public bool TryFinish(out int request)
    {
        // A relative tolerance: the counter is a sum of many steps' fractions.
        if (_finishing.TryPeek(out request, out var key) && key.Finish <= _tokensPerRequest + 1e-9 * Math.Max(1, key.Finish))
        {
            _finishing.Dequeue();
            Version++;
            return true;
        }

        return false;
    }
}
