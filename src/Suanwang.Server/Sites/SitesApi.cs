using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Sites;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Server.Tenants;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Sites;

namespace Suanwang.Server.Sites;

/// <summary><c>/api/v1/sites</c>: list and get registered sites (admin and tenant keys); drain, undrain and issue agent keys (admin). Sites register through their agent.</summary>
internal static class SitesApi
{
    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapSitesApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/sites").WithTags("Sites");
        group.MapGet("/", ListAsync).WithSummary("List registered sites with their free cards");
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Get a site");
        group.MapPost("/{id}/drain", DrainAsync).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy).WithSummary("Place no new work on a site");
        group.MapPost("/{id}/keys", KeysApi.IssueAgentKeyAsync).ProducesProblem(StatusCodes.Status400BadRequest).Accepts<NewAgentKey>("application/json")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy).WithTags("Keys")
            .WithSummary("Issue the agent key of a site (registered or not yet), optionally expiring; the secret is shown only in this answer");
        group.MapPost("/{id}/undrain", UndrainAsync).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy).WithSummary("Place work on a site again");
        return group;
    }

    /// <summary>Every registered site.</summary>
    public static async Task<Ok<IReadOnlyList<SiteView>>> ListAsync(IStore store, SiteDirectory directory, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var records = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, int>? held = null;
        var views = new List<SiteView>(records.Count);
        foreach (var record in records)
        {
            var site = directory.SiteOf(record);
            var free = snapshot.FreeCards(record.Id);
            if (free is null)
            {
                held ??= await HeldCardsAsync(store, cancellationToken).ConfigureAwait(false);
                free = Math.Max(0, (site?.Cards ?? 0) - held.GetValueOrDefault(record.Id));
            }

            views.Add(SiteViews.Of(record, site, free.Value));
        }

        return TypedResults.Ok<IReadOnlyList<SiteView>>(views);
    }

    /// <summary>One site.</summary>
    public static async Task<Results<Ok<SiteView>, ProblemHttpResult>> GetAsync(string id, IStore store, SiteDirectory directory, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var record = await store.GetSiteAsync(id, cancellationToken).ConfigureAwait(false);
        return record is null ? Problems.NotFound("site", id) : TypedResults.Ok(await ViewAsync(record, store, directory, snapshot, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stops new placements on a site; its running jobs go on.</summary>
    public static Task<Results<Ok<SiteView>, ProblemHttpResult>> DrainAsync(string id, IStore store, SiteDirectory directory, ClusterSnapshot snapshot, SchedulerSignal signal, CancellationToken cancellationToken) =>
        SetDrainingAsync(id, true, store, directory, snapshot, signal, cancellationToken);

    /// <summary>Lets the scheduler place work on a drained site again.</summary>
    public static Task<Results<Ok<SiteView>, ProblemHttpResult>> UndrainAsync(string id, IStore store, SiteDirectory directory, ClusterSnapshot snapshot, SchedulerSignal signal, CancellationToken cancellationToken) =>
        SetDrainingAsync(id, false, store, directory, snapshot, signal, cancellationToken);

    private static async Task<Results<Ok<SiteView>, ProblemHttpResult>> SetDrainingAsync(
        string id, bool draining, IStore store, SiteDirectory directory, ClusterSnapshot snapshot, SchedulerSignal signal, CancellationToken cancellationToken)
    {
        if (!await store.SetDrainingAsync(id, draining, cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound("site", id);
        }

        signal.Notify();
        var record = await store.GetSiteAsync(id, cancellationToken).ConfigureAwait(false);
        return record is null ? Problems.NotFound("site", id) : TypedResults.Ok(await ViewAsync(record, store, directory, snapshot, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<SiteView> ViewAsync(SiteRecord record, IStore store, SiteDirectory directory, ClusterSnapshot snapshot, CancellationToken cancellationToken)
    {
        var site = directory.SiteOf(record);
        var free = snapshot.FreeCards(record.Id);
        if (free is null)
        {
            var held = await HeldCardsAsync(store, cancellationToken).ConfigureAwait(false);
            free = Math.Max(0, (site?.Cards ?? 0) - held.GetValueOrDefault(record.Id));
        }

        return SiteViews.Of(record, site, free.Value);
    }

    // A server that does not run the scheduler counts held cards from the store instead.
    private static async Task<Dictionary<string, int>> HeldCardsAsync(IStore store, CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var job in await store.ListActiveJobsAsync(long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (job.Site is not null && job.State is JobState.Placed or JobState.Running)
            {
                held[job.Site] = held.GetValueOrDefault(job.Site) + job.CardsPerNode * (job.Nodes?.Count ?? 0);
            }
        }

        return held;
    }
}
