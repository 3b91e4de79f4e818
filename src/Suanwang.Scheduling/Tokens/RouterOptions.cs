namespace Suanwang.Scheduling.Tokens;

/// <summary>Settings of a <see cref="TokenRouter"/>.</summary>
public sealed record RouterOptions
{
    /// <summary>How candidates are ordered.</summary>
    public RoutingPolicy Policy { get; init; } = RoutingPolicy.Combined;

    /// <summary>Weight of expected latency in the combined score.</summary>
    public double LatencyWeight { get; init; } = 0.6;

    /// <summary>Weight of price in the combined score.</summary>
    public double PriceWeight { get; init; } = 0.2;

    /// <summary>Weight of carbon intensity in the combined score.</summary>
    public double CarbonWeight { get; init; } = 0.2;

    /// <summary>
    /// Prefix affinity holds only while the endpoint's load (in flight per capacity) is at most this
    /// much above the least-loaded candidate's, as SGLang's cache-aware router balances.
    /// </summary>
    public double AffinityLoadSlack { get; init; } = 0.25;

    /// <summary>Prefix block hashes remembered (least recently served forgotten first); bounds the router's memory.</summary>
    public int AffinityEntries { get; init; } = 65_536;

    /// <summary>Tokens per prefix block, to turn matched blocks into tokens that need no prefill.</summary>
    public int BlockTokens { get; init; } = 512;
}
