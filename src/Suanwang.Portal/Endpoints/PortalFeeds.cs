using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Suanwang.Core.Jobs;
using Suanwang.Portal.Localization;
using Suanwang.Portal.Security;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Logs;

namespace Suanwang.Portal.Endpoints;

/// <summary>
/// What the portal's script polls: a job's state and its log from an offset. Same rules as the
/// REST API: someone else's job is 404 unless the session is an admin's.
/// </summary>
internal static class PortalFeeds
{
    // One poll reads at most this much log; the page asks again from where it stopped.
    private const int MaxLogBytes = 256 * 1024;

    /// <summary>Maps the feeds onto <paramref name="group"/>.</summary>
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/jobs/{id:long}/state", StateAsync);
        group.MapGet("/jobs/{id:long}/log", LogAsync);
    }

    private static async Task<IResult> StateAsync(long id, HttpContext context, IJobStore store, Texts texts, CancellationToken cancellationToken)
    {
        var job = await VisibleAsync(id, context, store, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return Results.NotFound();
        }

        var state = JobStates.Name(job.State);
        return Results.Json(new { state, label = texts.State(state), site = job.Site, ended = job.EndedAt is not null });
    }

    private static async Task<IResult> LogAsync(long id, string? offset, HttpContext context, IJobStore jobs, ILogStore logs, CancellationToken cancellationToken)
    {
        long from = 0;
        if (offset is not null && (offset.Length > 19 || !long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out from)))
        {
            return Results.BadRequest("offset: not a byte offset");
        }

        var job = await VisibleAsync(id, context, jobs, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return Results.NotFound();
        }

        var chunks = await logs.ReadLogAsync(id, from, MaxLogBytes, cancellationToken).ConfigureAwait(false);
        var (text, next) = LogText.Join(chunks, from);

        return Results.Json(new { text, next, ended = job.EndedAt is not null });
    }

    private static async Task<JobRecord?> VisibleAsync(long id, HttpContext context, IJobStore store, CancellationToken cancellationToken)
    {
        var user = PortalUser.From(context.User);
        var job = user is null ? null : await store.GetJobAsync(id, cancellationToken).ConfigureAwait(false);
        return job is not null && user!.Sees(job.Tenant) ? job : null;
    }
}
