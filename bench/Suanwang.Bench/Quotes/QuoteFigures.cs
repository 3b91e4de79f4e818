namespace Suanwang.Bench.Quotes;

/// <summary>What the quote run measured for one network size; times in seconds.</summary>
/// <param name="Sites">Sites in the network.</param>
/// <param name="Pools">Pools in the network.</param>
/// <param name="RunningJobs">Running jobs whose expected ends the scheduler knows.</param>
/// <param name="Utilization">Busy cards over all cards.</param>
/// <param name="Quotes">Quotes timed.</param>
/// <param name="P50">Median quote latency.</param>
/// <param name="P99">99th percentile quote latency.</param>
/// <param name="Max">Slowest quote.</param>
/// <param name="Mean">Mean quote latency.</param>
/// <param name="BytesPerQuote">Bytes allocated per quote, compile included.</param>
/// <param name="OptionsPerQuote">Options returned per quote (at most five).</param>
/// <param name="LaterShare">Share of options that start after now (a full pool or a satellite out of contact).</param>
public sealed record QuoteFigures(
    int Sites,
    int Pools,
    int RunningJobs,
    double Utilization,
    int Quotes,
    double P50,
    double P99,
    double Max,
    double Mean,
    double BytesPerQuote,
    double OptionsPerQuote,
    double LaterShare);
