using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Errors;
using Suanwang.Server.Auth;
using Suanwang.Server.Http;
using Suanwang.Storage;
using Suanwang.Storage.Policy;

namespace Suanwang.Server.Policy;

/// <summary><c>/api/v1/datasets</c>: registered datasets and their transfers, each a data-law decision.</summary>
internal static class DatasetsApi
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapDatasetsApi(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").WithTags("Data law");
        datasets.MapPost("/", RegisterAsync)
            .Accepts<JsonObject>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Register a dataset: owner, site, jurisdiction, classification, personal information, usage policy");
        datasets.MapGet("/", ListAsync).WithSummary("The caller's datasets (an admin: all)");
        datasets.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One dataset (its owner, a tenant its usage policy names, or admin)");
        datasets.MapPost("/{id}/transfers", TransferAsync)
            .Accepts<TransferBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Decide staging the dataset to another country or site: a what-if, or recorded (record: true), counted when allowed");
        return api;
    }

    /// <summary>Registers a dataset; 400 naming the field, 403 for another tenant's ownership, 409 for a taken id.</summary>
    public static async Task<IResult> RegisterAsync(HttpRequest request, Caller caller, RequestBodies bodies, IStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var (text, problem) = await bodies.ReadTextAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        Core.Law.Dataset dataset;
        try
        {
            dataset = DatasetReader.Read(text ?? "", caller.Tenant);
        }
        catch (InputException ex)
        {
            return Problems.Invalid(ex.Error);
        }

        if (!caller.Sees(dataset.Owner))
        {
            return Problems.Forbidden($"this key acts for tenant '{caller.Tenant}' and may not register data owned by '{dataset.Owner}'", "owner");
        }

        if (dataset.Site is not null && await store.GetSiteAsync(dataset.Site, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.BadField("site", $"site '{dataset.Site}' is not registered");
        }

        if (await store.GetTenantAsync(dataset.Owner, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.BadField("owner", $"tenant '{dataset.Owner}' does not exist");
        }

        var document = DatasetReader.Write(dataset);
        if (!await store.AddDatasetAsync(new DatasetRecord(dataset.Id, dataset.Owner, document, time.GetUtcNow()), cancellationToken).ConfigureAwait(false))
        {
            return Problems.Conflict($"dataset '{dataset.Id}' is already registered", "id");
        }

        return TypedResults.Created($"/api/v1/datasets/{dataset.Id}", JsonNode.Parse(document));
    }

    /// <summary>The caller's datasets, or all for an admin.</summary>
    public static async Task<IResult> ListAsync(Caller caller, IStore store, CancellationToken cancellationToken)
    {
        var records = await store.ListDatasetsAsync(caller.Admin ? null : caller.Tenant, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new JsonArray(records.Select(r => JsonNode.Parse(r.Document)).ToArray()));
    }

    /// <summary>One dataset; 404 when it does not exist or the caller may not use it.</summary>
    public static async Task<IResult> GetAsync([FromRoute(Name = "id")] string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        var record = await store.GetDatasetAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null || !(caller.Admin || DatasetReader.Read(record.Document, record.Owner) is var d && (d.Owner == caller.Tenant || d.Tenants.Contains(caller.Tenant))))
        {
            return Problems.NotFound("dataset", id);
        }

        return TypedResults.Json(JsonNode.Parse(record.Document));
    }

    /// <summary>The decision for staging the dataset to <c>to</c> (a country code or a site id).</summary>
    public static async Task<IResult> TransferAsync(
        [FromRoute(Name = "id")] string id, HttpRequest request, Caller caller, RequestBodies bodies, IStore store, SiteDirectory directory, DataLaw law, CancellationToken cancellationToken)
    {
        var (body, problem) = await bodies.ReadJsonAsync<TransferBody>(request, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.To) || body.To.Length > 64)
        {
            return Problems.BadField("to", "required: the country code or site id the dataset goes to");
        }

        var tenant = body.Tenant ?? caller.Tenant;
        if (!caller.Sees(tenant))
        {
            return Problems.Forbidden($"this key acts for tenant '{caller.Tenant}' and may not transfer for '{tenant}'", "tenant");
        }

        var (options, bad) = PolicyBodies.Options(caller, body.Exemption, body.Purpose, body.OneOff, body.ManualApproval, body.KeepsCopy, body.Consent);
        if (bad is not null)
        {
            return bad;
        }

        var to = body.To;
        var view = directory.ViewOf(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
        var site = view.Network.IndexOf(to);
        var country = site >= 0 ? view.Network.Sites[site].Jurisdiction.Country : to;
        if (PolicyBodies.Country(country, "to") is { } notCountry)
        {
            return notCountry;
        }

        var decision = await law.TransferAsync(tenant, id, country, options!, body.Record ?? false, cancellationToken).ConfigureAwait(false);
        return decision.Refused ? Problems.Refused(decision.Refusal) : TypedResults.Json(PolicyBodies.Decision(decision.Value!));
    }
}
