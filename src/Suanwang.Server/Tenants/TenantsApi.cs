using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Server.Ledger;
using Suanwang.Server.Statements;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Tenants;

/// <summary><c>/api/v1/tenants</c>: create, list and get tenants and issue API keys for them (admin; keys handled in <see cref="KeysApi"/>); every tenant route is mapped here.</summary>
internal static class TenantsApi
{
    /// <summary>
    /// Maps every <c>/tenants</c> route in one group: tenants and their keys (admin), and each
    /// tenant's wallet and statement (handlers in <see cref="LedgerApi"/> and <see cref="StatementsApi"/>).
    /// </summary>
    public static RouteGroupBuilder MapTenantsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tenants");
        var admin = group.MapGroup("/").WithTags("Tenants").RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict).Accepts<NewTenant>("application/json").WithSummary("Create a tenant");
        admin.MapGet("/", ListAsync).WithSummary("List tenants");
        admin.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Get a tenant");
        admin.MapPost("/{id}/keys", KeysApi.IssueTenantKeyAsync).ProducesProblem(StatusCodes.Status404NotFound).Accepts<NewApiKey>("application/json")
            .WithTags("Keys").WithSummary("Issue a tenant's (or an admin) API key, optionally expiring; the secret is shown only in this answer");
        LedgerApi.MapTenantRoutes(group);
        StatementsApi.MapTenantRoutes(group);
        LimitsApi.MapTenantRoutes(group);
        return group;
    }

    /// <summary>Creates a tenant; 409 when the id is taken.</summary>
    public static async Task<Results<Created<TenantView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, TenantDirectory tenants, RequestBodies bodies, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<NewTenant>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var created = await tenants.CreateAsync(body!, cancellationToken).ConfigureAwait(false);
        return created.Refused
            ? Problems.Refused(created.Refusal)
            : TypedResults.Created($"{request.PathBase}/api/v1/tenants/{created.Value.Id}", View(created.Value));
    }

    /// <summary>Every tenant.</summary>
    public static async Task<Ok<IReadOnlyList<TenantView>>> ListAsync(IStore store, CancellationToken cancellationToken)
    {
        var tenants = await store.ListTenantsAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<TenantView>>(tenants.Select(View).ToList());
    }

    /// <summary>One tenant.</summary>
    public static async Task<Results<Ok<TenantView>, ProblemHttpResult>> GetAsync(string id, IStore store, CancellationToken cancellationToken)
    {
        var tenant = await store.GetTenantAsync(id, cancellationToken).ConfigureAwait(false);
        return tenant is null ? Problems.NotFound("tenant", id) : TypedResults.Ok(View(tenant));
    }

    private static TenantView View(TenantRecord tenant) => new(tenant.Id, tenant.Name, tenant.Weight);
}
