using Suanwang.Scheduling.Engine;

namespace Suanwang.Scheduling.Queue;

/// <summary>One thing the scheduler did, for the host (simulator or server) to carry out and record.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Job">The job.</param>
/// <param name="Placement">Where it started, for <see cref="DecisionKind.Started"/>.</param>
/// <param name="Reason">Why, for a rejection.</param>
public readonly record struct Decision(DecisionKind Kind, QueuedJob Job, Placement Placement, string? Reason);
