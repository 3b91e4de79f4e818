namespace Suanwang.Simulation.Events;

/// <summary>A future event: at <paramref name="Time"/>, <paramref name="Kind"/> happens to job or site <paramref name="Target"/>.</summary>
/// <param name="Time">Simulated seconds.</param>
/// <param name="Kind">What happens.</param>
/// <param name="Target">Job index for completions, site index for failures and recoveries.</param>
/// <param name="Epoch">The job's run number when scheduled; a completion from an earlier run (before a preemption) is stale.</param>
public readonly record struct SimEvent(double Time, EventKind Kind, int Target, int Epoch);
