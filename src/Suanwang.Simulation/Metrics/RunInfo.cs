namespace Suanwang.Simulation.Metrics;

/// <summary>What a run was, for its summary.</summary>
internal sealed record RunInfo(string Network, string Trace, SimulationOptions Options, long Events, double WallSeconds);
