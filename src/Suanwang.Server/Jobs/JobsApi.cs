using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Accelerators;
using Suanwang.Core.Errors;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Jobs;
using Suanwang.Server.Auth;
using Suanwang.Server.Hosting;
using Suanwang.Server.Http;
using Suanwang.Server.Sites;
using Suanwang.Storage;
using Suanwang.Storage.Logs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Jobs;

/// <summary><c>/api/v1/jobs</c>: submit, list, get, cancel, logs and events. A tenant key sees only its tenant's jobs; others are 404.</summary>
internal static partial class JobsApi
{
    private const int MaxLogBytes = 4 * 1024 * 1024;

    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/jobs").WithTags("Jobs");
        group.MapPost("/", SubmitAsync)
            .AcceptsSpec()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Submit a job spec (YAML or JSON)");
        group.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("List jobs, newest first");
        group.MapGet("/{id:long}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Get a job");
        group.MapPost("/{id:long}/cancel", CancelAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Cancel a job");
        group.MapPost("/{id:long}/preempt", PreemptAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .WithSummary("Stop a preemptible job for its checkpoint and queue it again (admin)");
        group.MapPost("/{id:long}/progress", ProgressAsync)
            .Accepts<JobProgress>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Report a running job's step rate on its cards");
        group.MapGet("/{id:long}/logs", LogsAsync).Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A job's output as text");
        group.MapGet("/{id:long}/events", EventsAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A job's history");
        return group;
    }

    /// <summary>Validates a spec, checks some registered site could ever run it, stores it durably and answers 201.</summary>
    public static async Task<Results<Created<SubmitResult>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request,
        Caller caller,
        JobAdmission admission,
        RequestBodies bodies,
        CancellationToken cancellationToken)
    {
        var (_, text, unread) = await SpecBodies.ReadAsync(request, bodies, cancellationToken).ConfigureAwait(false);
        if (unread is not null)
        {
            return unread;
        }

        var submitted = await admission.SubmitAsync(caller.Actor, text!, cancellationToken).ConfigureAwait(false);
        if (submitted.Refused)
        {
            return Problems.Refused(submitted.Refusal);
        }

        var job = submitted.Value;
        return TypedResults.Created($"{request.PathBase}/api/v1/jobs/{job.Id}", new SubmitResult(job.Id, JobStates.Name(job.State)));
    }

    /// <summary>Lists jobs newest first, filtered by state, site and (admin) tenant; <c>before</c> is the paging cursor.</summary>
    public static async Task<Results<Ok<JobPage>, ProblemHttpResult>> ListAsync(
        Caller caller,
        IStore store,
        string? state,
        string? site,
        string? tenant,
        string? before,
        string? limit,
        CancellationToken cancellationToken)
    {
        JobState? stateFilter = null;
        if (state is not null)
        {
            stateFilter = JobStates.Parse(state);
            if (stateFilter is null)
            {
                return Problems.BadField("state", $"'{state}' is not one of queued, placed, running, succeeded, failed, cancelled, preempted");
            }
        }

        if (tenant is not null && !caller.Sees(tenant))
        {
            return Problems.Forbidden($"this key acts for tenant '{caller.Tenant}' only", "tenant");
        }

        long? cursor = null;
        if (before is not null)
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b < 1)
            {
                return Problems.BadField("before", $"'{before}' is not a job id");
            }

            cursor = b;
        }

        var size = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > 1000))
        {
            return Problems.BadField("limit", $"'{limit}' is not a page size from 1 to 1000");
        }

        var query = new JobQuery(caller.Admin ? tenant : caller.Tenant, stateFilter, site, cursor, size);
        var jobs = await store.ListJobsAsync(query, cancellationToken).ConfigureAwait(false);
        var items = jobs.Select(JobViews.Of).ToList();
        long? next = jobs.Count == size ? jobs[^1].Id : null;
        return TypedResults.Ok(new JobPage(items, next));
    }

    /// <summary>One job: its state and, once placed, its site.</summary>
    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(long id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        var job = await VisibleAsync(id, caller, store, cancellationToken).ConfigureAwait(false);
        return job is null ? Problems.NotFound("job", Id(id)) : TypedResults.Ok(JobViews.Of(job));
    }

    /// <summary>Cancels a job that has not ended; its agent is told to stop it at the next heartbeat.</summary>
    public static async Task<Results<Ok<JobView>, ProblemHttpResult>> CancelAsync(
        long id,
        Caller caller,
        IStore store,
        SchedulerSignal signal,
        MarketOptions market, AcceleratorCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var job = await VisibleAsync(id, caller, store, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return Problems.NotFound("job", Id(id));
        }

        var at = time.GetUtcNow();
        var reason = caller.Admin && caller.Tenant != job.Tenant ? "cancelled by an admin" : $"cancelled by tenant {caller.Tenant}";
        var cancelled = await store.CancelAsync(id, reason, at, cancellationToken).ConfigureAwait(false);
        if (cancelled is null)
        {
            var now = await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
            return Problems.Conflict($"job {id} has already ended ({(now is null ? "gone" : JobStates.Name(now.State))})", "state");
        }

        // The store wrote the "cancelled" event with the change.
        signal.Notify();
        return TypedResults.Ok(JobViews.Of(cancelled));
    }

    /// <summary>
    /// The job's output from byte <c>offset</c> on, as plain text; the <c>Suanwang-Next-Offset</c>
    /// header says where to continue.
    /// </summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> LogsAsync(
        long id,
        string? offset,
        Caller caller,
        IStore store,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        long from = 0;
        if (offset is not null && (!long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 0))
        {
            return Problems.BadField("offset", $"'{offset}' is not a byte offset");
        }

        if (await VisibleAsync(id, caller, store, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("job", Id(id));
        }

        var chunks = await store.ReadLogAsync(id, from, MaxLogBytes, cancellationToken).ConfigureAwait(false);
        var (text, next) = LogText.Join(chunks, from);

        response.Headers["Suanwang-Next-Offset"] = next.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Text(text, "text/plain; charset=utf-8");
    }

    /// <summary>The job's history, oldest first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<JobEventView>>, ProblemHttpResult>> EventsAsync(long id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(id, caller, store, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("job", Id(id));
        }

        var events = await store.ListEventsAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<JobEventView>>(events.Select(JobViews.Of).ToList());
    }

    private static async Task<JobRecord?> VisibleAsync(long id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        var job = await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        return job is not null && caller.Sees(job.Tenant) ? job : null;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
