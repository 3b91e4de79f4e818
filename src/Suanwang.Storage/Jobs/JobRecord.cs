namespace Suanwang.Storage.Jobs;

/// <summary>A job as stored: its spec, its state and where it runs.</summary>
/// <param name="Id">Store-assigned id, increasing with submission.</param>
/// <param name="Tenant">Owning tenant id.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="Spec">The job spec as submitted (YAML or JSON text), the source of truth for re-planning.</param>
/// <param name="State">Current state.</param>
/// <param name="Priority">The spec's priority, copied for ordering in SQL.</param>
/// <param name="Site">Site id once placed; null while queued.</param>
/// <param name="Pool">Pool index within the site once placed.</param>
/// <param name="Nodes">Pool-relative node indices of the allocation, comma-separated; null while queued.</param>
/// <param name="CardsPerNode">Cards on each node of the allocation.</param>
/// <param name="Fence">Fencing token: increases with every placement, so reports from an older dispatch are refused.</param>
/// <param name="SubmittedAt">When it was accepted.</param>
/// <param name="StartedAt">When the agent started the current run.</param>
/// <param name="EndedAt">When it reached a final state.</param>
/// <param name="ExitCode">Process exit code, when it exited.</param>
/// <param name="AcceleratorSeconds">Card-seconds used, summed over runs.</param>
/// <param name="Reason">Why it failed, was cancelled or preempted; null otherwise.</param>
/// <param name="PinnedSite">The site its order pins it to; null for any site.</param>
public sealed record JobRecord(
    long Id,
    string Tenant,
    string Name,
    string Spec,
    JobState State,
    int Priority,
    string? Site,
    int? Pool,
    string? Nodes,
    int CardsPerNode,
    long Fence,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    double AcceleratorSeconds,
    string? Reason,
    string? PinnedSite);
