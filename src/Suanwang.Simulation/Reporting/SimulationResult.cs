namespace Suanwang.Simulation.Reporting;

/// <summary>A finished run: the summary plus the series the report plots.</summary>
/// <param name="Summary">The numbers.</param>
/// <param name="JctSeconds">Every completed job's JCT, ascending (for the CDF).</param>
/// <param name="Utilization">Overall utilization over time, 0..1, sampled at regular intervals.</param>
/// <param name="QueueLength">Jobs waiting over time, sampled at the same instants.</param>
public sealed record SimulationResult(
    SimulationSummary Summary,
    IReadOnlyList<double> JctSeconds,
    IReadOnlyList<SeriesPoint> Utilization,
    IReadOnlyList<SeriesPoint> QueueLength);
