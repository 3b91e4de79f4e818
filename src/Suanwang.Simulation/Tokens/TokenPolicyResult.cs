namespace Suanwang.Simulation.Tokens;

/// <summary>What one routing policy achieved over a trace.</summary>
public sealed record TokenPolicyResult
{
    /// <summary>The policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>Requests in the trace.</summary>
    public required int Requests { get; init; }

    /// <summary>Requests served to the end.</summary>
    public required int Completed { get; init; }

    /// <summary>Requests refused (residency, unknown model, too long).</summary>
    public required int Refused { get; init; }

    /// <summary>Requests that waited at the gateway because every allowed endpoint was full.</summary>
    public required int QueuedAtGateway { get; init; }

    /// <summary>Median time to first token, seconds.</summary>
    public required double TtftP50S { get; init; }

    /// <summary>99th percentile time to first token, seconds.</summary>
    public required double TtftP99S { get; init; }

    /// <summary>Median end-to-end latency, seconds.</summary>
    public required double E2eP50S { get; init; }

    /// <summary>99th percentile end-to-end latency, seconds.</summary>
    public required double E2eP99S { get; init; }

    /// <summary>Prompt tokens.</summary>
    public required long InputTokens { get; init; }

    /// <summary>Output tokens.</summary>
    public required long OutputTokens { get; init; }

    /// <summary>Prompt tokens found in an endpoint's prefix cache, which needed no prefill.</summary>
    public required long CachedTokens { get; init; }

    /// <summary>Share of prompt tokens served from a prefix cache.</summary>
    public double PrefixReuse => InputTokens > 0 ? (double)CachedTokens / InputTokens : 0;

    /// <summary>What the requests cost at the endpoints' token prices, in the network's currency.</summary>
    public required decimal Cost { get; init; }

    /// <summary>The network's currency.</summary>
    public required string Currency { get; init; }

    /// <summary>Energy of the cards while serving, kWh.</summary>
    public required double EnergyKwh { get; init; }

    /// <summary>CO2 of that energy at each site's grid intensity, kg.</summary>
    public required double Co2Kg { get; init; }

    /// <summary>Requests served per site, in network order.</summary>
    public required IReadOnlyDictionary<string, int> RequestsPerSite { get; init; }

    /// <summary>Simulated seconds from the first arrival to the last completion.</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Events handled (arrivals, prefills, decode completions).</summary>
    public required long Events { get; init; }

    /// <summary>Wall-clock seconds of the replay.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Events per wall-clock second.</summary>
    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : 0;
}
