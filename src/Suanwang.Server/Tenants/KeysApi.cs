using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;

namespace Suanwang.Server.Tenants;

/// <summary>
/// <c>/api/v1/keys</c> (admin): list and revoke API keys by their public id. Keys are issued under
/// what they act for: <c>POST /tenants/{id}/keys</c> (admin and tenant keys) and
/// <c>POST /sites/{id}/keys</c> (agent keys), both handled here, and
/// <c>POST /providers/{owner}/keys</c> (provider keys, in <c>ProvidersApi</c>).
/// </summary>
internal static class KeysApi
{
    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("Keys").RequireAuthorization(KeyPolicies.Admin);
        group.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest).WithSummary("List API keys (never their secrets), oldest first; filter by tenant, site or owner (a provider)");
        group.MapDelete("/{id}", RevokeAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Revoke an API key");
        return group;
    }

    /// <summary>Every key, or those of one tenant or site, with their state; 400 for a filter that is not an id.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ApiKeyView>>, ProblemHttpResult>> ListAsync(
        string? tenant, string? site, string? owner, TenantDirectory tenants, CancellationToken cancellationToken)
    {
        if (tenant is not null && TenantDirectory.IdProblem(tenant) is { } tenantProblem)
        {
            return Problems.BadField("tenant", tenantProblem);
        }

        if (site is not null && SiteDirectory.IdProblem(site) is { } siteProblem)
        {
            return Problems.BadField("site", siteProblem);
        }

        if (owner is not null && SiteDirectory.OwnerProblem(owner) is { } ownerProblem)
        {
            return Problems.BadField("owner", ownerProblem);
        }

        return TypedResults.Ok(await tenants.ListKeysAsync(tenant, site, owner, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Revokes a key; requests with it get 401 from then on, saying so.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, TenantDirectory tenants, CancellationToken cancellationToken) =>
        await tenants.RevokeKeyAsync(id, cancellationToken).ConfigureAwait(false) ? TypedResults.NoContent() : Problems.NotFound("key", id);

    /// <summary>Issues an admin or tenant key for a tenant; only its hash is stored.</summary>
    public static async Task<Results<Created<ApiKeyIssued>, ProblemHttpResult>> IssueTenantKeyAsync(
        string id, HttpRequest request, TenantDirectory tenants, RequestBodies bodies, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync(request, new NewApiKey(), cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var issued = await tenants.IssueKeyAsync(id, body!, cancellationToken).ConfigureAwait(false);
        return issued.Refused ? Problems.Refused(issued.Refusal) : Created(request, issued.Value);
    }

    /// <summary>Issues the agent key of a site, registered or not yet; only its hash is stored.</summary>
    public static async Task<Results<Created<ApiKeyIssued>, ProblemHttpResult>> IssueAgentKeyAsync(
        string id, HttpRequest request, TenantDirectory tenants, RequestBodies bodies, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync(request, new NewAgentKey(), cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var issued = await tenants.IssueAgentKeyAsync(id, body!, cancellationToken).ConfigureAwait(false);
        return issued.Refused ? Problems.Refused(issued.Refusal) : Created(request, issued.Value);
    }

    private static Created<ApiKeyIssued> Created(HttpRequest request, ApiKeyIssued issued) =>
        TypedResults.Created($"{request.PathBase}/api/v1/keys/{issued.Id}", issued);
}
