namespace Suanwang.Simulation.Reporting;

/// <summary>What happened to the trace's jobs.</summary>
/// <param name="Submitted">Jobs that arrived.</param>
/// <param name="Completed">Jobs that ran to the end.</param>
/// <param name="Rejected">Jobs no site could ever run (wrong model, data law).</param>
/// <param name="Preemptions">Times a spot job was preempted and requeued.</param>
/// <param name="Requeued">Times a job lost its site to a failure and was requeued.</param>
public sealed record JobCounts(int Submitted, int Completed, int Rejected, int Preemptions, int Requeued);
