namespace Suanwang.Simulation.Studies;

/// <summary>One run of the Pollux comparison.</summary>
/// <param name="Load">Relative job load (0.5, 1, 1.5, 2).</param>
/// <param name="Workload">Workload number, 1 to 8.</param>
/// <param name="Policy">Policy name as given to <c>sim --policy</c>.</param>
/// <param name="JctMeanS">Mean JCT.</param>
/// <param name="MakespanS">First arrival to last completion.</param>
/// <param name="Utilization">Busy card-seconds over cards x makespan.</param>
/// <param name="LowerBoundJctMeanS">Mean of the jobs' run times alone.</param>
/// <param name="Preemptions">Preemptions in the run.</param>
public sealed record PolluxRun(double Load, int Workload, string Policy, double JctMeanS, double MakespanS, double Utilization, double LowerBoundJctMeanS, int Preemptions);
