using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Jobs;
using Suanwang.Server.Http;
using Suanwang.Storage;

namespace Suanwang.Server.Jobs;

/// <summary><c>POST /api/v1/jobs/{id}/preempt</c>: an admin stops a job that checkpoints and queues it again.</summary>
internal static partial class JobsApi
{
    /// <summary>
    /// Preempts a placed or running job that checkpoints (preemptible or elastic): it loses its
    /// placement, its run so far is metered, and its agent is told at the next heartbeat to stop it
    /// with SIGTERM and its grace period; once the run has ended the job waits in the queue again.
    /// 409 for a job that does not checkpoint or holds no placement.
    /// </summary>
    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> PreemptAsync(
        long id,
        IStore store,
        SchedulerSignal signal,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return Problems.NotFound("job", Id(id));
        }

        if (!job.Spec.Checkpoints)
        {
            return Problems.Conflict($"job {id} is not preemptible: its spec sets neither preemptible: true nor elastic", "preemptible");
        }

        if (!JobLifecycle.Holding.Contains(job.State))
        {
            return Problems.Conflict($"job {id} holds no placement to preempt (it is {JobStates.Name(job.State)})", "state");
        }

        var at = time.GetUtcNow();
        var cards = Math.Max(1, (job.Nodes?.Count ?? 1) * job.CardsPerNode);
        var seconds = job.StartedAt is { } started ? Math.Max(0, (at - started).TotalSeconds) * cards : 0;
        // The store writes the "preempted" event and meters the run with the requeue.
        if (!await store.RequeueAsync(id, job.Fence, seconds, "preempted by an admin; it resumes from its checkpoint", at, cancellationToken).ConfigureAwait(false))
        {
            var now = await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
            return Problems.Conflict($"job {id} moved on meanwhile (now {(now is null ? "gone" : JobStates.Name(now.State))})", "state");
        }

        signal.Notify();
        return TypedResults.Ok(JobViews.Of((await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false))!));
    }
}
