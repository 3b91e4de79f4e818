using Suanwang.Core.Jobs;

namespace Suanwang.Storage.Jobs;

/// <summary>
/// Durable jobs. Every state change is a compare-and-set on the job's state and fencing token,
/// so a late or repeated call changes nothing and says so by returning false or null.
/// </summary>
public interface IJobStore
{
    /// <summary>Stores a queued job and its "submitted" event in one transaction; durable when the task completes.</summary>
    Task<JobRecord> SubmitAsync(NewJob job, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The job, or null.</summary>
    Task<JobRecord?> GetJobAsync(long id, CancellationToken cancellationToken);

    /// <summary>A page of jobs, newest first.</summary>
    Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>Every job not in a final state, oldest first, each with its document.</summary>
    Task<IReadOnlyList<JobRecord>> ListActiveJobsAsync(CancellationToken cancellationToken) => ListActiveJobsAsync(0, cancellationToken);

    /// <summary>
    /// Every job not in a final state, oldest first: what the scheduler brings its state in step
    /// with. Only jobs with ids above <paramref name="documentsAfter"/> carry their
    /// <see cref="JobRecord.Document"/> and <see cref="JobRecord.SpecText"/>; the others' are null,
    /// for a caller that holds their specs already (a job's document never changes). Ids are not committed in order on every store, so
    /// such a caller fetches any job at or below that id it does not know with <see cref="GetJobAsync"/>.
    /// </summary>
    Task<IReadOnlyList<JobRecord>> ListActiveJobsAsync(long documentsAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Records a placement: a queued or preempted job whose fence is <paramref name="expectedFence"/>
    /// becomes placed with fence + 1. False when the job moved on meanwhile (cancelled, say).
    /// </summary>
    Task<bool> PlaceAsync(Placement placement, long expectedFence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records the devices of a placed or running job with this fence that has none recorded (one
    /// placed before devices were stored with the placement); false when it has them or moved on.
    /// </summary>
    Task<bool> RecordDevicesAsync(long id, long fence, IReadOnlyList<int> devices, CancellationToken cancellationToken);

    /// <summary>A placed job with this fence becomes running.</summary>
    Task<bool> MarkRunningAsync(long id, long fence, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// A placed or running job with this fence reaches <paramref name="state"/> (succeeded or failed)
    /// with its exit code and the accelerator-seconds of this run added.
    /// </summary>
    Task<bool> FinishAsync(long id, long fence, JobState state, int? exitCode, double acceleratorSeconds, string? reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// A placed or running job with this fence is preempted (its site failed, or spot work made
    /// room): it loses its placement and waits again; accelerator-seconds of the lost run are added.
    /// </summary>
    Task<bool> RequeueAsync(long id, long fence, double acceleratorSeconds, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// A preempted job with this fence waits in the queue again (the run stopped for its checkpoint
    /// ended, or its grace ran out), with a "requeued" event saying why. False when it moved on.
    /// </summary>
    Task<bool> ResumeAsync(long id, long fence, string message, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Cancels a job that is not final; returns the updated job, or null when it was already final or missing.</summary>
    Task<JobRecord?> CancelAsync(long id, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Adds an event to a job's history.</summary>
    Task AppendEventAsync(long jobId, string kind, string message, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>A job's history, oldest first.</summary>
    Task<IReadOnlyList<JobEvent>> ListEventsAsync(long jobId, CancellationToken cancellationToken);
}
