namespace Suanwang.Core.Jobs;

/// <summary>One row of an elastic job's scaling table: its speed on <paramref name="Cards"/> cards, relative to one card.</summary>
/// <param name="Cards">Cards per node.</param>
/// <param name="Speedup">Throughput relative to one card (1.9 means 1.9 times as fast).</param>
public sealed record ScalingPoint(int Cards, double Speedup);
