namespace Suanwang.Scheduling.Elastic;

/// <summary>How the elastic allocator weighs restarts and waiting.</summary>
/// <param name="RestartSeconds">Seconds a job loses to each checkpoint-restart (a resize, a move or a resume).</param>
/// <param name="Hysteresis">
/// How many restarts a running job's change must be worth: a resize or move is charged
/// <paramref name="RestartSeconds"/> times this, so a change happens only when it clearly pays.
/// </param>
/// <param name="StarvationFactor">
/// A waiting job's value doubles once it has waited this many times its remaining time on its
/// fewest cards, and keeps growing: long jobs are not starved by a stream of short ones.
/// </param>
public sealed record ElasticAllocatorOptions(double RestartSeconds = 30, double Hysteresis = 2, double StarvationFactor = 8);
