namespace Suanwang.Scheduling.Tokens;

/// <summary>
/// A model served at a site, as the router sees it: what it serves and at what price, and its live
/// state (health, requests in flight, queue depth, measured time to first token and per token).
/// </summary>
public sealed class InferenceEndpoint
{
    private bool _measured;

    /// <summary>Unique id among the router's endpoints, for example <c>cn-beijing-1/llama-3-8b/0</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The site that serves it.</summary>
    public required string SiteId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country whose law applies at the site.</summary>
    public required string Country { get; init; }

    /// <summary>Public model id.</summary>
    public required string ModelId { get; init; }

    /// <summary>Context length in tokens; a longer request is not sent here.</summary>
    public int ContextLength { get; init; } = int.MaxValue;

    /// <summary>Price per million prompt tokens, in <see cref="Currency"/>.</summary>
    public decimal InputPricePerMillion { get; init; }

    /// <summary>Price per million output tokens, in <see cref="Currency"/>.</summary>
    public decimal OutputPricePerMillion { get; init; }

    /// <summary>ISO 4217 currency of the prices.</summary>
    public string Currency { get; init; } = "";

    /// <summary>Units of the router's base currency per unit of <see cref="Currency"/>, so prices compare.</summary>
    public decimal RateToBase { get; init; } = 1m;

    /// <summary>Requests the endpoint takes at once; a full endpoint is not a candidate.</summary>
    public required int Capacity { get; init; }

    /// <summary>Grid carbon intensity at the site now, gCO2/kWh.</summary>
    public double CarbonGramsPerKwh { get; set; }

    /// <summary>False while the endpoint fails its health check.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>Requests the router has sent and not yet seen end.</summary>
    public int InFlight { get; internal set; }

    /// <summary>Requests waiting at the endpoint for a batch slot, as it reports them.</summary>
    public int QueueDepth { get; set; }

    /// <summary>Time to first token, seconds: the prior until measured, then an exponentially weighted mean.</summary>
    public double TtftSeconds { get; set; }

    /// <summary>Time per output token after the first, seconds: the prior until measured, then an exponentially weighted mean.</summary>
    public double PerTokenSeconds { get; set; }

    /// <summary>The endpoint's circuit breaker.</summary>
    public CircuitBreaker Breaker { get; init; } = new();

    /// <summary>Position in the router's list, set by the router.</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>Requests in flight per unit of capacity.</summary>
    public double Load => Capacity > 0 ? (double)InFlight / Capacity : double.PositiveInfinity;

    /// <summary>Folds one measurement into the means (weight <paramref name="alpha"/>); the first replaces the prior.</summary>
    public void Observe(double ttftSeconds, double perTokenSeconds, double alpha = 0.2)
    {
        if (!_measured)
        {
            TtftSeconds = ttftSeconds;
            PerTokenSeconds = perTokenSeconds;
            _measured = true;
            return;
        }

        TtftSeconds += alpha * (ttftSeconds - TtftSeconds);
        PerTokenSeconds += alpha * (perTokenSeconds - PerTokenSeconds);
    }
}
