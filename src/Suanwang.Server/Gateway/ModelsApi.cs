using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Protocol.Tokens;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;

namespace Suanwang.Server.Gateway;

/// <summary>
/// The model endpoints of the token service: <c>GET /api/v1/models</c> lists what sites publish
/// with its state; <c>PUT /api/v1/agents/{site}/models</c> is how a site's agent publishes.
/// </summary>
internal static class ModelsApi
{
    /// <summary>Maps <c>GET /models</c> onto <paramref name="api"/> (admin and tenant keys).</summary>
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/models", ListAsync).WithTags("Models").WithSummary("List the model endpoints sites publish, with prices, country and state");
        return api;
    }

    /// <summary>Maps <c>PUT /agents/{site}/models</c> onto the agent protocol's group.</summary>
    public static RouteGroupBuilder MapSiteModelsApi(this RouteGroupBuilder agents)
    {
        agents.MapPut("/agents/{site}/models", PublishAsync).WithTags("Agents")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Accepts<SiteModels>("application/json")
            .WithSummary("Publish the model endpoints a site serves (replaces what it published before)");
        return agents;
    }

    /// <summary>Every published endpoint with its state.</summary>
    public static async Task<Ok<IReadOnlyList<ModelEndpointView>>> ListAsync(SiteModelDesk desk, CancellationToken cancellationToken) =>
        TypedResults.Ok(await desk.ListAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Stores what the site publishes; the agent key of that site or an admin key.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> PublishAsync(
        string site, HttpRequest request, ClaimsPrincipal user, SiteModelDesk desk, RequestBodies bodies, CancellationToken cancellationToken)
    {
        if (AgentScope.Refuse(user, site) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await bodies.ReadJsonAsync<SiteModels>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var published = await desk.PublishAsync(site, body!, cancellationToken).ConfigureAwait(false);
        return published.Refused ? Problems.Refused(published.Refusal) : TypedResults.NoContent();
    }
}
