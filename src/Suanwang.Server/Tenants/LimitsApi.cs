using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Tenants;

/// <summary><c>/api/v1/tenants/{id}/limits</c>: a tenant's abuse limits, read by the tenant or an admin, set by an admin.</summary>
internal static class LimitsApi
{
    /// <summary>Maps the routes onto the <c>/tenants</c> group.</summary>
    public static void MapTenantRoutes(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{id}/limits", GetAsync)
            .WithTags("Tenants")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A tenant's rate limit, caps and maximum priority (its own keys or admin)");
        tenants.MapPut("/{id}/limits", SetAsync)
            .WithTags("Tenants")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .Accepts<TenantLimitsView>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Set a tenant's rate limit, caps and maximum priority (admin); a field left out takes its default");
    }

    /// <summary>The tenant's limits now, as set or the defaults; 404 for a tenant the caller may not see.</summary>
    public static async Task<Results<Ok<TenantLimitsView>, ProblemHttpResult>> GetAsync(
        [FromRoute(Name = "id")] string tenant, Caller caller, IStore store, TenantLimitsDirectory limits, CancellationToken cancellationToken)
    {
        if (!caller.Sees(tenant) || await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", tenant);
        }

        return TypedResults.Ok(View(await limits.GetAsync(tenant, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>Replaces the tenant's limits; 400 naming the field for a value out of range.</summary>
    public static async Task<Results<Ok<TenantLimitsView>, ProblemHttpResult>> SetAsync(
        [FromRoute(Name = "id")] string tenant, HttpRequest request, RequestBodies bodies, TenantLimitsDirectory limits, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<TenantLimitsView>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var defaults = TenantLimits.Default;
        var wanted = new TenantLimits(
            body!.RequestsPerSecond ?? defaults.RequestsPerSecond,
            body.Burst ?? defaults.Burst,
            body.MaxQueuedJobs ?? defaults.MaxQueuedJobs,
            body.MaxOpenOrders ?? defaults.MaxOpenOrders,
            body.MaxCards ?? defaults.MaxCards,
            body.MaxPriority ?? defaults.MaxPriority);
        var set = await limits.SetAsync(tenant, wanted, cancellationToken).ConfigureAwait(false);
        return set.Refused ? Problems.Refused(set.Refusal) : TypedResults.Ok(View(set.Value));
    }

    private static TenantLimitsView View(TenantLimits limits) =>
        new(limits.RequestsPerSecond, limits.Burst, limits.MaxQueuedJobs, limits.MaxOpenOrders, limits.MaxCards, limits.MaxPriority);
}
