namespace Suanwang.Core.Jobs;

/// <summary>What moves a job from one <see cref="JobState"/> to the next (see <see cref="JobLifecycle"/>).</summary>
public enum JobTrigger
{
    /// <summary>The scheduler recorded a site, pool and nodes for a waiting job.</summary>
    Place,

    /// <summary>The site's agent started the placed run.</summary>
    Start,

    /// <summary>The run exited with code 0.</summary>
    Succeed,

    /// <summary>The run exited with another code, hit its time limit or could not start.</summary>
    Fail,

    /// <summary>The run lost its placement (its site failed, or spot work made room) and waits again.</summary>
    Preempt,

    /// <summary>Its tenant or an admin cancelled it.</summary>
    Cancel,

    /// <summary>The stopped run of a preempted job that checkpoints has ended (or its grace ran out): it waits in the queue again.</summary>
    Requeue,
}
