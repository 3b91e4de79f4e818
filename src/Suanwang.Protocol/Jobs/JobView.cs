namespace Suanwang.Protocol.Jobs;

/// <summary>A job as the API shows it (<c>GET /api/v1/jobs/{id}</c>).</summary>
/// <param name="Id">Job id.</param>
/// <param name="Name">Name from the spec.</param>
/// <param name="Tenant">Owning tenant.</param>
/// <param name="State">queued, placed, running, succeeded, failed, cancelled or preempted.</param>
/// <param name="Site">Site id once placed.</param>
/// <param name="SubmittedAt">When accepted.</param>
/// <param name="StartedAt">When the current run started.</param>
/// <param name="EndedAt">When it reached a final state.</param>
/// <param name="ExitCode">Exit code of the command.</param>
/// <param name="AcceleratorSeconds">Card-seconds used so far.</param>
/// <param name="Reason">Why it failed, was cancelled or preempted.</param>
public sealed record JobView(
    long Id,
    string Name,
    string Tenant,
    string State,
    string? Site,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    double AcceleratorSeconds,
    string? Reason);
