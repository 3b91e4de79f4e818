using Suanwang.Core.Jobs;
using Suanwang.Scheduling.Queue;
using Suanwang.Scheduling.State;
using Suanwang.Storage.Jobs;

namespace Suanwang.ControlPlane.Dispatch;

/// <summary>What the scheduler loop knows of one active job: the stored state it last saw and its place in the in-memory scheduler.</summary>
public sealed class TrackedJob(long id)
{
    /// <summary>Job id.</summary>
    public long Id { get; } = id;

    /// <summary>The scheduler's job; null when the spec no longer compiles against the network.</summary>
    public QueuedJob? Job { get; set; }

    /// <summary>The stored state last seen or written.</summary>
    public JobState State { get; set; }

    /// <summary>The stored fence last seen or written.</summary>
    public long Fence { get; set; }

    /// <summary>When the current run started, for accelerator-seconds on preemption.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The cards it holds in memory (kept here because the scheduler forgets them on preemption).</summary>
    public Allocation? Allocation { get; set; }

    /// <summary>Devices of <see cref="Allocation"/>.</summary>
    public IReadOnlyList<int> Devices { get; set; } = [];

    /// <summary>True when no registered site can ever run it; it waits outside the queue until the sites change.</summary>
    public bool Parked { get; set; }

    /// <summary>
    /// True while a job that checkpoints was stopped and its run has not yet confirmed its end: it
    /// stays out of the queue until the store has it queued again.
    /// </summary>
    public bool Held { get; set; }

    /// <summary>When (Unix seconds) a held job is queued again by the scheduler if its site has not confirmed the stop.</summary>
    public double HoldUntil { get; set; }

    /// <summary>True once the scheduler has asked the store to queue the held job again.</summary>
    public bool ResumeAsked { get; set; }

    /// <summary>The cards per node the next run of an elastic job asks for after a resize; null for its spec's.</summary>
    public int? Cards { get; set; }

    /// <summary>The pass that last saw it among the active jobs.</summary>
    public long Seen { get; set; }
}
