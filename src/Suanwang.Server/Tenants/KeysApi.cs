using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;

namespace Suanwang.Server.Tenants;

/// <summary><c>/api/v1/keys</c> (admin): revoke API keys by their public id.</summary>
internal static class KeysApi
{
    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("Tenants").RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy);
        group.MapDelete("/{id}", RevokeAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Revoke an API key");
        return group;
    }

    /// <summary>Revokes a key; requests with it get 401 from then on.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, TenantDirectory tenants, CancellationToken cancellationToken) =>
        await tenants.RevokeKeyAsync(id, cancellationToken).ConfigureAwait(false) ? TypedResults.NoContent() : Problems.NotFound("key", id);
}
