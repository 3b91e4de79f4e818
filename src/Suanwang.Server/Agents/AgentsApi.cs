using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Agents;
using Suanwang.Server.Auth;
using Suanwang.Server.Hosting;
using Suanwang.Server.Http;
using Suanwang.Server.Jobs;
using Suanwang.Server.Sites;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sites;

namespace Suanwang.Server.Agents;

/// <summary>
/// <c>/api/v1/agents</c>: the agent protocol (an admin key, or the agent key of the site concerned). An agent registers its site and gets an
/// epoch; heartbeats carry the epoch and the runs it holds, and get new assignments and stop
/// orders; reports carry each run's fence, so a run that was moved elsewhere is refused.
/// </summary>
internal static class AgentsApi
{
    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAgentsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/agents").WithTags("Agents")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/register", RegisterAsync).Accepts<AgentRegistration>("application/json").WithSummary("Register or re-register a site's agent");
        group.MapPost("/{site}/heartbeat", HeartbeatAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Accepts<Heartbeat>("application/json").WithSummary("Report liveness and running jobs; get assignments and stop orders");
        group.MapPost("/{site}/reports", ReportsAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).Accepts<ReportBatch>("application/json").WithSummary("Report runs started, output and exits");
        return group;
    }

    /// <summary>Registers the site described in the body; a newer registration makes the older agent's epoch stale.</summary>
    public static async Task<Results<Ok<AgentRegistered>, ProblemHttpResult>> RegisterAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        IStore store,
        SiteDirectory directory,
        RequestBodies bodies,
        SchedulerSignal signal,
        AgentLinkOptions link, AcceleratorCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (registration, problem) = await bodies.ReadJsonAsync<AgentRegistration>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (registration!.Backend is not ("local" or "slurm"))
        {
            return Problems.BadField("backend", $"'{registration.Backend}' is not one of local, slurm");
        }

        Core.Sites.Site site;
        try
        {
            site = directory.ParseRegistration(registration.Site, "site");
        }
        catch (InputException ex)
        {
            var error = ex.Error;
            return Problems.Invalid(error with { Field = error.Field.Length > 0 ? $"site.{error.Field}" : "site" }, "Invalid site");
        }

        if (AgentScope.Refuse(user, site.Id) is { } refused)
        {
            return refused;
        }

        var record = await store.RegisterSiteAsync(site.Id, registration.Site, registration.Backend, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        signal.Notify();
        return TypedResults.Ok(new AgentRegistered(record.Id, record.AgentEpoch, HeartbeatSeconds(link), bodies.Limit, link.MaxJobLogBytes));
    }

    /// <summary>
    /// Records a heartbeat. Answers with the site's placed jobs not yet started (each with its
    /// devices) and stop orders for listed runs that were cancelled, ended or moved (stale fence).
    /// 409 when the epoch is stale or the site was declared down: the agent must register again.
    /// </summary>
    public static async Task<Results<Ok<HeartbeatReply>, ProblemHttpResult>> HeartbeatAsync(
        string site,
        HttpRequest request,
        ClaimsPrincipal user,
        IStore store,
        RequestBodies bodies,
        AgentLinkOptions link, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (AgentScope.Refuse(user, site) is { } refused)
        {
            return refused;
        }

        var (heartbeat, problem) = await bodies.ReadJsonAsync<Heartbeat>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var record = await store.GetSiteAsync(site, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return Problems.NotFound("site", site);
        }

        if (StaleAgent(record, heartbeat!.Epoch) is { } stale)
        {
            return stale;
        }

        if (!await store.HeartbeatAsync(site, heartbeat.Epoch, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"epoch {heartbeat.Epoch} of site {site} is stale: another agent registered since; register again", "epoch");
        }

        var stops = new List<StopOrder>();
        var held = new HashSet<long>();
        foreach (var run in heartbeat.Running)
        {
            var job = await store.GetJobAsync(run.Job, cancellationToken).ConfigureAwait(false);
            if (StopReason(job, site, run.Fence) is { } reason)
            {
                stops.Add(new StopOrder(run.Job, run.Fence, reason));
            }
            else
            {
                held.Add(run.Job);
            }
        }

        var assignments = new List<Assignment>();
        var placed = await store.ListJobsAsync(new JobQuery(State: JobState.Placed, Site: site, Limit: 1000), cancellationToken).ConfigureAwait(false);
        foreach (var job in placed.OrderBy(j => j.Id))
        {
            if (held.Contains(job.Id) || AssignmentOf(job) is not { } assignment)
            {
                continue;
            }

            if (job.Fence > 1)
            {
                // Run again (preempted, resized, moved): its output goes after its earlier runs' in the log.
                assignment = assignment with { LogOffset = await store.LogEndAsync(job.Id, cancellationToken).ConfigureAwait(false) };
            }

            assignments.Add(assignment);
        }

        return TypedResults.Ok(new HeartbeatReply(assignments, stops));
    }

    /// <summary>
    /// Applies reports in order. A report whose fence is not the job's current one (the job was
    /// moved, cancelled or ended) is refused with an order to stop, and noted as "stale-report".
    /// Output is kept up to the per-job cap; an exit whose output went past it ends the log with a
    /// note of the bytes dropped.
    /// </summary>
    public static async Task<Results<Ok<ReportReply>, ProblemHttpResult>> ReportsAsync(
        string site,
        HttpRequest request,
        ClaimsPrincipal user,
        IStore store,
        RequestBodies bodies,
        SchedulerSignal signal,
        AgentLinkOptions link, AcceleratorCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (AgentScope.Refuse(user, site) is { } refused)
        {
            return refused;
        }

        var (batch, problem) = await bodies.ReadJsonAsync<ReportBatch>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var record = await store.GetSiteAsync(site, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return Problems.NotFound("site", site);
        }

        if (StaleAgent(record, batch!.Epoch) is { } stale)
        {
            return stale;
        }

        for (var i = 0; i < batch.Reports.Count; i++)
        {
            var report = batch.Reports[i];
            if (report.Kind == ReportKind.Log && (report.Offset is not >= 0 || report.Text is null))
            {
                return Problems.BadField($"reports[{i}]", "a log report needs offset (0 or more) and text");
            }
        }

        var results = new List<ReportResult>(batch.Reports.Count);
        var ended = false;
        foreach (var report in batch.Reports)
        {
            var accepted = await ApplyAsync(report, site, store, link.MaxJobLogBytes, time, cancellationToken).ConfigureAwait(false);
            ended |= accepted && report.Kind is ReportKind.Exited or ReportKind.NotStarted;
            results.Add(new ReportResult(report.Job, accepted, !accepted));
        }

        if (ended)
        {
            signal.Notify();
        }

        return TypedResults.Ok(new ReportReply(results));
    }

    private static async Task<bool> ApplyAsync(RunReport report, string site, IStore store, long logCap, TimeProvider time, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var job = await store.GetJobAsync(report.Job, cancellationToken).ConfigureAwait(false);
        if (job is not null && job.Site == site && job.Fence == report.Fence)
        {
            switch (report.Kind)
            {
                case ReportKind.Started:
                    // MarkRunningAsync writes the "started" event; a retried report finds the job running already.
                    if (job.State == JobState.Running
                        || await store.MarkRunningAsync(job.Id, report.Fence, at, cancellationToken).ConfigureAwait(false))
                    {
                        return true;
                    }

                    break;
                case ReportKind.Log:
                    // Output past the cap is taken and not kept; the exited report's byte count puts a note in its place.
                    if (JobLogCap.Keep(report.Offset!.Value, JobLogCap.Storable(report.Text!), logCap) is not { } kept
                        || await store.AppendLogAsync(job.Id, report.Fence, report.Offset.Value, kept, cancellationToken).ConfigureAwait(false))
                    {
                        return true;
                    }

                    break;
                case ReportKind.NotStarted:
                    // The agent stopped before its backend ran the command: nothing ran, so the job
                    // waits again and the next placement gets a new fence. A retry finds it requeued.
                    if (job.State != JobState.Placed
                        || await store.RequeueAsync(job.Id, report.Fence, 0, $"the dispatch to site {site} never started", at, cancellationToken).ConfigureAwait(false))
                    {
                        return true;
                    }

                    break;
                case ReportKind.Exited:
                    if (job.State is JobState.Succeeded or JobState.Failed)
                    {
                        // A retried report of an exit already recorded.
                        return true;
                    }

                    if (report.OutputBytes is long written && written > logCap)
                    {
                        // Nothing is stored at or past the cap, so the note's offset is free; a retry finds it there.
                        await store.AppendLogAsync(job.Id, report.Fence, logCap, JobLogCap.Note(written, logCap), cancellationToken).ConfigureAwait(false);
                    }

                    var state = report.ExitCode == 0 ? JobState.Succeeded : JobState.Failed;
                    var reason = state == JobState.Succeeded ? null : report.Reason ?? (report.ExitCode is int code ? $"exit code {code}" : "killed, no reason given");
                    // FinishAsync writes the "exited" or "failed" event.
                    if (await store.FinishAsync(job.Id, report.Fence, state, report.ExitCode, report.AcceleratorSeconds ?? 0, reason, at, cancellationToken).ConfigureAwait(false))
                    {
                        return true;
                    }

                    break;
            }
        }

        if (job is not null && job.State == JobState.Preempted && job.Fence == report.Fence && job.Spec.Checkpoints && report.Kind == ReportKind.Log)
        {
            // What the stopped run writes while it checkpoints (its site no longer on the record) is kept too.
            return JobLogCap.Keep(report.Offset!.Value, JobLogCap.Storable(report.Text!), logCap) is not { } tail
                || await store.AppendLogAsync(job.Id, report.Fence, report.Offset.Value, tail, cancellationToken).ConfigureAwait(false);
        }

        if (job is not null && job.State == JobState.Preempted && job.Fence == report.Fence && job.Spec.Checkpoints && report.Kind is ReportKind.Exited or ReportKind.NotStarted)
        {
            // The run a preemption stopped has ended: its checkpoint is written, so the job may start
            // again. Its cards were metered up to the preemption; the grace period is not charged.
            var how = report.ExitCode is int code ? $"exit code {code}" : report.Reason ?? "killed";
            await store.ResumeAsync(job.Id, job.Fence, $"site {site} stopped the preempted run for its checkpoint ({how}); queued again", at, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (job is not null && job.State == JobState.Cancelled && job.Fence == report.Fence && job.Site == site && report.Kind == ReportKind.Exited)
        {
            // The run a cancel stopped ended as asked: part of the cancel, not a fault.
            var how = report.ExitCode is int code ? $"exit code {code}" : report.Reason ?? "killed";
            await store.AppendEventAsync(job.Id, "stopped", $"site {site} stopped the cancelled run ({how})", at, cancellationToken).ConfigureAwait(false);
            if (report.AcceleratorSeconds is > 0 and var used)
            {
                // Cancelled while placed, the run was metered with nothing; the site started it all
                // the same and says what it used, which is charged (a run cancelled while running
                // was metered up to the cancel and keeps that).
                var cards = Math.Max(1, (job.Nodes?.Count ?? 1) * job.CardsPerNode);
                await store.MeterStoppedRunAsync(job.Id, job.Fence, used, report.At - TimeSpan.FromSeconds(used / cards), cancellationToken).ConfigureAwait(false);
            }
        }
        else if (job is not null)
        {
            var current = job.Fence == report.Fence ? JobStates.Name(job.State) : $"fence {job.Fence}";
            var message = $"refused a {report.Kind.ToString().ToLowerInvariant()} report from site {site} under fence {report.Fence}; the job is now at {current}";
            await store.AppendEventAsync(job.Id, "stale-report", message, at, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static ProblemHttpResult? StaleAgent(SiteRecord record, long epoch)
    {
        if (epoch != record.AgentEpoch)
        {
            return Problems.Conflict($"epoch {epoch} of site {record.Id} is stale (now {record.AgentEpoch}): another agent registered since; register again", "epoch");
        }

        return record.Up ? null : Problems.Conflict($"site {record.Id} was declared down after its agent fell silent and its jobs moved; register again", "epoch");
    }

    private static string? StopReason(JobRecord? job, string site, long fence)
    {
        if (job is null)
        {
            return "no such job";
        }

        if (job.State is JobState.Cancelled)
        {
            return "cancelled";
        }

        if (JobStates.IsFinal(job.State))
        {
            return $"the job already {JobStates.Name(job.State)}";
        }

        if (job.Site != site || job.Fence != fence || job.State is not (JobState.Placed or JobState.Running))
        {
            return $"fence {fence} is stale: the job was moved (now {JobStates.Name(job.State)}, fence {job.Fence})";
        }

        return null;
    }

    private static Assignment? AssignmentOf(JobRecord job)
    {
        if (job.Devices is not { } devices)
        {
            // Held but its devices not yet recorded (placed before they were stored with the placement): the scheduler records them on its next pass.
            return null;
        }

        // Everything the agent needs is on the record, parsed once at admission.
        var nodes = job.Nodes?.Count ?? 1;
        return new Assignment(job.Id, job.Fence, job.Name, job.Spec.Run ?? "", nodes, job.CardsPerNode, DeviceMap.Text(devices, job.CardsPerNode), job.Spec.TimeLimitSeconds, job.Tenant, job.Spec.Checkpoints ? job.Spec.Grace : null);
    }

    private static double HeartbeatSeconds(AgentLinkOptions link) =>
        // New work reaches an agent at its next heartbeat, so the interval is also dispatch latency;
        // it stays well inside the timeout so that one lost heartbeat does not mark a site down.
        Math.Round(Math.Max(0.1, Math.Min(link.HeartbeatInterval.TotalSeconds, link.AgentTimeout.TotalSeconds / 6)), 3, MidpointRounding.AwayFromZero);
}
