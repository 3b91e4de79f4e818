using Suanwang.Core.Jobs;
using Suanwang.Protocol.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Jobs;

/// <summary>Stored jobs and events as the API shows them.</summary>
internal static class JobViews
{
    /// <summary>The API view of a stored job.</summary>
    public static JobView Of(JobRecord job) => new(
        job.Id,
        job.Name,
        job.Tenant,
        JobStates.Name(job.State),
        job.Site,
        job.SubmittedAt,
        job.StartedAt,
        job.EndedAt,
        job.ExitCode,
        job.AcceleratorSeconds,
        job.Reason);

    /// <summary>The API view of a stored event.</summary>
    public static JobEventView Of(JobEvent e) => new(e.At, e.Kind, e.Message);
}
