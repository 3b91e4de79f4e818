using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Tenants;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Protocol.Sites;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Server.Sites;
using Suanwang.Server.Statements;
using Suanwang.Storage;

namespace Suanwang.Server.Providers;

/// <summary>
/// <c>/api/v1/providers/{owner}</c>: what a provider (a site owner) reads with its own key, its
/// statement and its sites (admin and provider keys, each provider key held to its owner), and the
/// admin's issue of provider keys. Payouts are in <c>LedgerApi</c>.
/// </summary>
internal static class ProvidersApi
{
    /// <summary>Maps the routes a provider key may use onto <paramref name="providers"/>, a group under the provider policy.</summary>
    public static RouteGroupBuilder MapProviderApi(this RouteGroupBuilder providers)
    {
        StatementsApi.MapProviderRoutes(providers);
        providers.MapGet("/providers/{owner}/sites", SitesAsync)
            .WithTags("Sites")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A provider's registered sites with pools, prices, free cards and the model endpoints they publish (admin, or the provider's key)");
        return providers;
    }

    /// <summary>Maps the admin's issue of provider keys onto <paramref name="api"/>.</summary>
    public static void MapProviderKeysApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/providers/{owner}/keys", IssueKeyAsync)
            .WithTags("Keys")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .Accepts<NewProviderKey>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Issue a provider key, optionally expiring: it reads that provider's statement and sites only; the secret is shown only in this answer");
    }

    /// <summary>Issues a key for a provider; only its hash is stored.</summary>
    public static async Task<Results<Created<ApiKeyIssued>, ProblemHttpResult>> IssueKeyAsync(
        string owner, HttpRequest request, TenantDirectory tenants, RequestBodies bodies, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync(request, new NewProviderKey(), cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var issued = await tenants.IssueProviderKeyAsync(owner, body!, cancellationToken).ConfigureAwait(false);
        return issued.Refused
            ? Problems.Refused(issued.Refusal)
            : TypedResults.Created($"{request.PathBase}/api/v1/keys/{issued.Value.Id}", issued.Value);
    }

    /// <summary>The owner's registered sites by id, each with the model endpoints it publishes.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ProviderSiteView>>, ProblemHttpResult>> SitesAsync(
        string owner, ClaimsPrincipal user, IStore store, SiteDirectory directory, ClusterSnapshot snapshot, SiteModelDesk models, CancellationToken cancellationToken)
    {
        if (Refuse(user, owner) is { } refused)
        {
            return refused;
        }

        var sites = (await SitesApi.ListAsync(store, directory, snapshot, cancellationToken).ConfigureAwait(false)).Value!
            .Where(s => s.Owner == owner)
            .ToList();
        var endpoints = sites.Count == 0 ? [] : await models.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ProviderSiteView>>(
            [.. sites.Select(s => new ProviderSiteView(s, [.. endpoints.Where(e => e.Site == s.Id)]))]);
    }

    /// <summary>400 naming <c>owner</c> for a name no site could carry; 404 for another provider's key; null when the caller may read.</summary>
    public static ProblemHttpResult? Refuse(ClaimsPrincipal user, string owner) =>
        SiteDirectory.OwnerProblem(owner) is { } problem ? Problems.BadField("owner", problem) : ProviderScope.Refuse(user, owner);
}
