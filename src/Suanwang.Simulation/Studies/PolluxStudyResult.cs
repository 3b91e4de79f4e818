namespace Suanwang.Simulation.Studies;

/// <summary>The Pollux comparison: every policy's run of every workload at every load.</summary>
/// <param name="Network">Network name.</param>
/// <param name="Cards">Cards in the network.</param>
/// <param name="Policies">The policies run, in column order.</param>
/// <param name="Runs">One entry per load, workload and policy.</param>
/// <param name="RestartSeconds">What each restart from a checkpoint costs under a preemptive policy.</param>
public sealed record PolluxStudyResult(
    string Network,
    int Cards,
    IReadOnlyList<string> Policies,
    IReadOnlyList<PolluxRun> Runs,
    double RestartSeconds);
