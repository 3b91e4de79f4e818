namespace Suanwang.Core.Jobs;

/// <summary>Names and groups of <see cref="JobState"/>.</summary>
public static class JobStates
{
    /// <summary>The lower-case name used by the API and stored in the database.</summary>
    public static string Name(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Placed => "placed",
        JobState.Running => "running",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => "preempted",
    };

    /// <summary>Parses a lower-case name; null when unknown.</summary>
    public static JobState? Parse(string name) => name switch
    {
        "queued" => JobState.Queued,
        "placed" => JobState.Placed,
        "running" => JobState.Running,
        "succeeded" => JobState.Succeeded,
        "failed" => JobState.Failed,
        "cancelled" => JobState.Cancelled,
        "preempted" => JobState.Preempted,
        _ => null,
    };

    /// <summary>True for states a job never leaves.</summary>
    public static bool IsFinal(JobState state) => !JobLifecycle.Transitions.Any(t => t.From == state);

    /// <summary>The states as an SQL list of their names, such as <c>('queued', 'preempted')</c>.</summary>
    public static string SqlList(IEnumerable<JobState> states) =>
        "(" + string.Join(", ", states.Select(s => "'" + Name(s) + "'")) + ")";
}
