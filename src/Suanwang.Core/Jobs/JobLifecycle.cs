namespace Suanwang.Core.Jobs;

/// <summary>
/// The job state machine: every allowed move in one table. A job starts queued; the stores make
/// each move a compare-and-set whose source states and target state come from here.
/// </summary>
public static class JobLifecycle
{
    /// <summary>The state of a job just submitted.</summary>
    public const JobState Initial = JobState.Queued;

    /// <summary>Every allowed move; anything not listed is refused.</summary>
    public static IReadOnlyList<JobTransition> Transitions { get; } =
    [
        new(JobState.Queued, JobTrigger.Place, JobState.Placed),
        new(JobState.Preempted, JobTrigger.Place, JobState.Placed),
        new(JobState.Placed, JobTrigger.Start, JobState.Running),
        new(JobState.Placed, JobTrigger.Succeed, JobState.Succeeded),
        new(JobState.Running, JobTrigger.Succeed, JobState.Succeeded),
        new(JobState.Placed, JobTrigger.Fail, JobState.Failed),
        new(JobState.Running, JobTrigger.Fail, JobState.Failed),
        new(JobState.Placed, JobTrigger.Preempt, JobState.Preempted),
        new(JobState.Running, JobTrigger.Preempt, JobState.Preempted),
        new(JobState.Queued, JobTrigger.Cancel, JobState.Cancelled),
        new(JobState.Placed, JobTrigger.Cancel, JobState.Cancelled),
        new(JobState.Running, JobTrigger.Cancel, JobState.Cancelled),
        new(JobState.Preempted, JobTrigger.Cancel, JobState.Cancelled),
        new(JobState.Preempted, JobTrigger.Requeue, JobState.Queued),
    ];

    /// <summary>True when <paramref name="trigger"/> may move a job in state <paramref name="from"/>.</summary>
    public static bool CanMove(JobState from, JobTrigger trigger) => Next(from, trigger) is not null;

    /// <summary>The state <paramref name="trigger"/> moves a job in <paramref name="from"/> to; null when refused.</summary>
    public static JobState? Next(JobState from, JobTrigger trigger)
    {
        foreach (var transition in Transitions)
        {
            if (transition.From == from && transition.Trigger == trigger)
            {
                return transition.To;
            }
        }

        return null;
    }

    /// <summary>The states <paramref name="trigger"/> may move a job out of, in declaration order of <see cref="JobState"/>.</summary>
    public static IReadOnlyList<JobState> Sources(JobTrigger trigger) =>
        Enum.GetValues<JobState>().Where(state => CanMove(state, trigger)).ToArray();

    /// <summary>The one state <paramref name="trigger"/> moves a job to, whatever it moved from.</summary>
    public static JobState Target(JobTrigger trigger)
    {
        JobState? target = null;
        foreach (var transition in Transitions)
        {
            if (transition.Trigger == trigger)
            {
                target ??= transition.To;
                if (target != transition.To)
                {
                    throw new InvalidOperationException($"{trigger} leads to more than one state");
                }
            }
        }

        return target ?? throw new InvalidOperationException($"{trigger} moves no job");
    }

    /// <summary>The trigger of a finished run: succeeded or failed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Another state.</exception>
    public static JobTrigger FinishTrigger(JobState state) => state switch
    {
        JobState.Succeeded => JobTrigger.Succeed,
        JobState.Failed => JobTrigger.Fail,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "a run finishes as succeeded or failed"),
    };

    /// <summary>The states a job is in while it holds a placement: what a report or a requeue may act on.</summary>
    public static IReadOnlyList<JobState> Holding => Sources(JobTrigger.Preempt);

    /// <summary>The states a job is not yet done in: those it may still be cancelled from.</summary>
    public static IReadOnlyList<JobState> Active => Sources(JobTrigger.Cancel);
}
