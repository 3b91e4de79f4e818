using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Suanwang.Server.Auth;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Server.Agents;
using Suanwang.Server.Audit;
using Suanwang.Server.Gateway;
using Suanwang.Server.Http;
using Suanwang.Server.Jobs;
using Suanwang.Server.Ledger;
using Suanwang.Server.Market;
using Suanwang.Server.Policy;
using Suanwang.Server.Providers;
using Suanwang.Server.Sites;
using Suanwang.Server.Statements;
using Suanwang.Server.Tenants;
using Suanwang.Storage;

namespace Suanwang.Server.Hosting;

/// <summary>Maps the Suanwang API onto a host that called <see cref="SuanwangServerServiceCollectionExtensions.AddSuanwangServer"/>.</summary>
public static class SuanwangServerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/v1</c> (every route needs <c>Authorization: Bearer KEY</c>: an admin or tenant
    /// key, for the agent protocol an admin or agent key, for a provider's statement and sites an
    /// admin or provider key), the OpenAPI document at
    /// <c>/openapi/v1.json</c> and <c>/healthz</c>. Returns the <c>/api/v1</c> group of admin and tenant keys.
    /// </summary>
    public static RouteGroupBuilder MapSuanwangApi(this IEndpointRouteBuilder endpoints)
    {
        // Three groups on one prefix: policies add up, so the agent protocol and the provider's
        // routes cannot sit under the default policy that shuts agent and provider keys out of
        // everything else.
        endpoints.MapGroup("/api/v1").RequireAuthorization(KeyPolicies.Agent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapSiteModelsApi()
            .MapAgentsApi();
        endpoints.MapGroup("/api/v1").RequireAuthorization(KeyPolicies.Provider)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .MapProviderApi();
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapJobsApi();
        api.MapSitesApi();
        api.MapTenantsApi();
        api.MapKeysApi();
        api.MapLedgerApi();
        api.MapOrdersApi();
        api.MapOffersApi();
        api.MapQuotesApi();
        api.MapProviderKeysApi();
        api.MapAuditApi();
        api.MapModelsApi();
        api.MapDatasetsApi();
        api.MapPolicyApi();
        endpoints.MapOpenApi();
        endpoints.MapGet("/healthz", Health).ExcludeFromDescription();
        return api;
    }

    // 200 and "ok" while writes get through; 503 and "degraded" with the reason while the store
    // refuses them, so a load balancer stops sending work until a write commits again.
    private static IResult Health(HttpResponse response, IStore store, LeaderStatus leader, ClusterSnapshot snapshot)
    {
        var health = store.Health;
        if (health.Problem is not { } problem)
        {
            return TypedResults.Ok(new { Status = "ok", Scheduler = leader.IsLeader, snapshot.Waiting, snapshot.Running });
        }

        response.Headers.RetryAfter = StoreUnavailableHandler.RetryAfter;
        return TypedResults.Json(
            new { Status = "degraded", Reason = problem, health.Since, Scheduler = leader.IsLeader, snapshot.Waiting, snapshot.Running },
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
