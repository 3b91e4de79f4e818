using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.Protocol.Tenants;
using Suanwang.Server.Auth;
using Suanwang.Server.Hosting;
using Suanwang.Server.Http;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Tenants;

/// <summary><c>/api/v1/tenants</c> (admin): create, list and get tenants; issue API keys for them.</summary>
internal static partial class TenantsApi
{
    /// <summary>Maps the routes onto <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapTenantsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tenants").WithTags("Tenants").RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict).Accepts<NewTenant>("application/json").WithSummary("Create a tenant");
        group.MapGet("/", ListAsync).WithSummary("List tenants");
        group.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Get a tenant");
        group.MapPost("/{id}/keys", IssueKeyAsync).ProducesProblem(StatusCodes.Status404NotFound).Accepts<NewApiKey>("application/json").WithSummary("Issue an API key; the secret is shown only in this answer");
        return group;
    }

    /// <summary>Creates a tenant; 409 when the id is taken.</summary>
    public static async Task<Results<Created<TenantView>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, IStore store, RequestBodies bodies, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<NewTenant>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!IdPattern().IsMatch(body!.Id))
        {
            return Problems.BadField("id", $"'{body.Id}' must be 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit");
        }

        if (body.Weight is <= 0 or > 1_000_000 || body.Weight is double.NaN)
        {
            return Problems.BadField("weight", "the fair-share weight must be above 0 and at most 1000000");
        }

        var tenant = new TenantRecord(body.Id, string.IsNullOrWhiteSpace(body.Name) ? body.Id : body.Name, body.Weight ?? 1, time.GetUtcNow());
        if (!await store.CreateTenantAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"tenant '{body.Id}' already exists", "id");
        }

        return TypedResults.Created($"{request.PathBase}/api/v1/tenants/{tenant.Id}", View(tenant));
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

    /// <summary>Issues a key for the tenant; only its hash is stored.</summary>
    public static async Task<Results<Created<ApiKeyIssued>, ProblemHttpResult>> IssueKeyAsync(
        string id, HttpRequest request, IStore store, RequestBodies bodies, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync(request, new NewApiKey(), cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (await store.GetTenantAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", id);
        }

        var issued = await IssueAsync(store, id, body!.Admin, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"{request.PathBase}/api/v1/keys/{issued.Id}", issued);
    }

    /// <summary>Creates and stores a key for <paramref name="tenant"/>; the answer holds the secret.</summary>
    public static async Task<ApiKeyIssued> IssueAsync(IStore store, string tenant, bool admin, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var secret = ApiKeys.NewSecret();
        var key = new ApiKeyRecord(ApiKeys.NewId(), ApiKeys.Hash(secret), tenant, admin, at);
        await store.CreateApiKeyAsync(key, cancellationToken).ConfigureAwait(false);
        return new ApiKeyIssued(key.Id, tenant, admin, secret);
    }

    private static TenantView View(TenantRecord tenant) => new(tenant.Id, tenant.Name, tenant.Weight);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
