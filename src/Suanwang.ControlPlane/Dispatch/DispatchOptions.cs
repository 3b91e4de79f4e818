namespace Suanwang.ControlPlane.Dispatch;

/// <summary>How the live scheduler orders and places work, and how often it runs.</summary>
public sealed class DispatchOptions
{
    /// <summary>
    /// Queue policy name, one of <see cref="Suanwang.Scheduling.Queue.QueuePolicies.Names"/>. By
    /// default, fair share by dominant resource with EASY backfill: no tenant's priority or flood
    /// of jobs holds another tenant's work back; priority orders each tenant's own jobs.
    /// </summary>
    public string QueuePolicy { get; set; } = "fair-share-backfill";

    /// <summary>Placement objective: time, cost, carbon or balanced.</summary>
    public string Objective { get; set; } = "balanced";

    /// <summary>Time between scheduler passes when nothing signals one sooner.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a preemptible job runs before a higher-priority job may preempt it, so a job is not
    /// stopped again before it has done any work since its last restart.
    /// </summary>
    public TimeSpan PreemptAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an elastic job runs at one size before the scheduler resizes it again (hysteresis).</summary>
    public TimeSpan ResizeAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long after its grace period a stopped preemptible job waits for its site to confirm the
    /// stop before the scheduler queues it again anyway (its site may be gone).
    /// </summary>
    public TimeSpan StopConfirmSlack { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a server that is not the scheduler tries to become it.</summary>
    public TimeSpan LeaseRetryInterval { get; set; } = TimeSpan.FromSeconds(2);
}
