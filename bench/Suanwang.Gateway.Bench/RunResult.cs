namespace Suanwang.Gateway.Bench;

/// <summary>
/// One measured period against one target at one concurrency: throughput, latency, errors, and
/// CPU microseconds per request of the target's process, the upstream and the load generator
/// (null when unknown).
/// </summary>
internal sealed record RunResult(
    string Target,
    int Concurrency,
    double RequestsPerSecond,
    LatencyHistogram Latency,
    long Errors,
    string? FirstError,
    double? TargetCpuMicros,
    double? UpstreamCpuMicros,
    double? ClientCpuMicros)
{
    /// <summary>The gateway's own time per request at the median, ms, from its histogram (null when it publishes none).</summary>
    public double? OwnP50Ms { get; init; }

    /// <summary>The same at the 99th percentile.</summary>
    public double? OwnP99Ms { get; init; }

    /// <summary>Median latency in milliseconds.</summary>
    public double P50Ms => Latency.ValueAt(0.50) / 1e6;

    /// <summary>99th-percentile latency in milliseconds.</summary>
    public double P99Ms => Latency.ValueAt(0.99) / 1e6;

    /// <summary>Largest latency in milliseconds.</summary>
    public double MaxMs => Latency.Max / 1e6;
}
