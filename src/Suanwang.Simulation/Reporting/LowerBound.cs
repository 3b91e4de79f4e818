namespace Suanwang.Simulation.Reporting;

/// <summary>Bounds no scheduler can beat on this trace and network.</summary>
/// <param name="JctMeanS">Mean of each job's run time alone on the fastest model it accepts (no wait, no transfer).</param>
/// <param name="MakespanS">The larger of total work over total capacity (in P·h) and the last arrival plus its run time alone.</param>
public sealed record LowerBound(double JctMeanS, double MakespanS);
