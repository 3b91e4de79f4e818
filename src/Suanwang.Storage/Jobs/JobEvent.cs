namespace Suanwang.Storage.Jobs;

/// <summary>One line of a job's history.</summary>
/// <param name="Id">Store-assigned, increasing.</param>
/// <param name="JobId">The job.</param>
/// <param name="At">When.</param>
/// <param name="Kind">submitted, placed, started, exited, cancelled, stopped, preempted, requeued, failed, rejected, stale-report...</param>
/// <param name="Message">Details a user can read.</param>
public sealed record JobEvent(long Id, long JobId, DateTimeOffset At, string Kind, string Message);
