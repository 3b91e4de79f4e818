namespace Suanwang.Core.Jobs;

/// <summary>Where a job is in its life; the API writes these names in lower case.</summary>
public enum JobState
{
    /// <summary>Accepted and waiting for a site.</summary>
    Queued,

    /// <summary>A site is chosen and recorded; the site's agent has not started it yet.</summary>
    Placed,

    /// <summary>The agent started it.</summary>
    Running,

    /// <summary>Exited with code 0.</summary>
    Succeeded,

    /// <summary>Exited with another code, hit its time limit, or could not start.</summary>
    Failed,

    /// <summary>Cancelled by its tenant or an admin.</summary>
    Cancelled,

    /// <summary>Stopped to make room or because its site went down; it is queued again.</summary>
    Preempted,
}
