using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Sites;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Storage;
using Suanwang.Storage.Policy;

namespace Suanwang.Server.Policy;

/// <summary><c>/api/v1/policy/evaluate</c> (what-if) and <c>/api/v1/tenants/{id}/filings</c> (filings an admin records).</summary>
internal static class PolicyApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapPolicyApi(this RouteGroupBuilder api)
    {
        api.MapPost("/policy/evaluate", EvaluateAsync)
            .WithTags("Data law")
            .Accepts<EvaluateBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What-if: where the datasets may be processed, with each decision's rule and article; nothing is recorded or counted");
        api.MapPost("/tenants/{id}/filings", FileAsync)
            .WithTags("Data law")
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy)
            .Accepts<FilingBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Record a filing for a tenant (admin): security assessment, standard contract, certification, SCCs, BCRs, RU notice or ban, CIIO designation");
        api.MapGet("/tenants/{id}/filings", ListFilingsAsync)
            .WithTags("Data law")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A tenant's filings (its own keys or admin)");
        return api;
    }

    /// <summary>The decisions for the datasets in each destination, with no side effect.</summary>
    public static async Task<IResult> EvaluateAsync(
        HttpRequest request, Caller caller, RequestBodies bodies, IStore store, SiteDirectory directory, DataLaw law, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<EvaluateBody>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Datasets is not { Count: > 0 })
        {
            return Problems.BadField("datasets", "required: the ids of the datasets to ask about");
        }

        if ((PolicyBodies.Bounded(body.Datasets, "datasets") ?? PolicyBodies.Bounded(body.Destinations, "destinations")) is { } tooMany)
        {
            return tooMany;
        }

        var tenant = body.Tenant ?? caller.Tenant;
        if (!caller.Sees(tenant))
        {
            return Problems.Forbidden($"this key acts for tenant '{caller.Tenant}' and may not ask for '{tenant}'", "tenant");
        }

        var (options, bad) = PolicyBodies.Options(caller, body.Exemption, body.Purpose, body.OneOff, null, body.KeepsCopy, body.Consent);
        if (bad is not null)
        {
            return bad;
        }

        var destinations = body.Destinations;
        if (destinations is null)
        {
            var view = directory.ViewOf(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
            destinations = view.Network.Sites.Select(s => s.Jurisdiction.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }

        for (var i = 0; i < destinations.Count; i++)
        {
            if (PolicyBodies.Country(destinations[i], $"destinations[{i}]") is { } notCountry)
            {
                return notCountry;
            }
        }

        var answer = await law.EvaluateAsync(tenant, body.Datasets.Distinct(StringComparer.Ordinal).ToList(), destinations, options!, cancellationToken).ConfigureAwait(false);
        return answer.Refused ? Problems.Refused(answer.Refusal) : PolicyBodies.Answer(law.Engine.Version, answer.Value!);
    }

    /// <summary>Records a filing; 400 naming the field, 404 for an unknown tenant.</summary>
    public static async Task<IResult> FileAsync(
        [FromRoute(Name = "id")] string tenant, HttpRequest request, RequestBodies bodies, IStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<FilingBody>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Kind is null || !FilingKinds.All.Contains(body.Kind))
        {
            return Problems.BadField("kind", $"'{body.Kind}' is not one of: {string.Join(", ", FilingKinds.All)}");
        }

        if (string.IsNullOrWhiteSpace(body.Reference) || body.Reference.Length > 128)
        {
            return Problems.BadField("reference", "required: the authority's reference or the document id, at most 128 characters");
        }

        var (filed, badFiled) = PolicyBodies.Day(body.FiledOn, "filed_on", required: true);
        var (expires, badExpires) = PolicyBodies.Day(body.ExpiresOn, "expires_on", required: FilingKinds.Expires(body.Kind));
        if ((badFiled ?? badExpires) is { } badDay)
        {
            return badDay;
        }

        if (expires < filed)
        {
            return Problems.BadField("expires_on", $"{body.ExpiresOn} is before filed_on ({body.FiledOn})");
        }

        if (PolicyBodies.FilingCountries(body.Countries, body.Kind) is { } badCountries)
        {
            return badCountries;
        }

        var filing = new FilingRecord(0, tenant, body.Kind, body.Reference, filed!.Value, expires, time.GetUtcNow())
        {
            Countries = body.Countries?.Distinct(StringComparer.Ordinal).ToList(),
        };
        var stored = await store.AddFilingAsync(filing, cancellationToken).ConfigureAwait(false);
        return stored is null ? Problems.NotFound("tenant", tenant) : TypedResults.Created($"/api/v1/tenants/{tenant}/filings", View(stored));
    }

    /// <summary>The tenant's filings; 404 for a tenant the caller may not see.</summary>
    public static async Task<IResult> ListFilingsAsync([FromRoute(Name = "id")] string tenant, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!caller.Sees(tenant) || await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", tenant);
        }

        var filings = await store.ListFilingsAsync(tenant, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new JsonArray(filings.Select(f => (JsonNode)View(f)).ToArray()));
    }

    private static JsonObject View(FilingRecord f) => new()
    {
        ["id"] = f.Id,
        ["tenant"] = f.Tenant,
        ["kind"] = f.Kind,
        ["reference"] = f.Reference,
        ["filed_on"] = f.FiledOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["expires_on"] = f.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),

        // null: the filing covers any recipient country.
        ["countries"] = f.Countries is null ? null : new JsonArray(f.Countries.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
    };
}
