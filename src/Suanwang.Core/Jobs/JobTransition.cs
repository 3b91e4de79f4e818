namespace Suanwang.Core.Jobs;

/// <summary>One allowed move of a job: from <paramref name="From"/> on <paramref name="Trigger"/> to <paramref name="To"/>.</summary>
/// <param name="From">The state the job is in.</param>
/// <param name="Trigger">What happened.</param>
/// <param name="To">The state it moves to.</param>
public sealed record JobTransition(JobState From, JobTrigger Trigger, JobState To);
