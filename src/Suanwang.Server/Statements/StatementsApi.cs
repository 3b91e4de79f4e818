using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Statements;
using Suanwang.Core.Sites;
using Suanwang.Protocol.Market;
using Suanwang.Server.Auth;
using Suanwang.Server.Hosting;
using Suanwang.Server.Http;
using Suanwang.Server.Providers;
using Suanwang.Server.Sites;
using Suanwang.Storage;

namespace Suanwang.Server.Statements;

/// <summary>Statements per tenant and per provider for a period, as JSON, CSV or a printable HTML page.</summary>
internal static class StatementsApi
{
    /// <summary>Maps a tenant's statement onto the <c>/tenants</c> group.</summary>
    public static void MapTenantRoutes(RouteGroupBuilder tenants)
    {
        tenants.MapGet("/{tenant}/statement", TenantAsync)
            .WithTags("Ledger")
            .Produces<StatementView>()
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A tenant's usage, charges and money movements for a period (format=json|csv|html; month=YYYY-MM or from/to)");
    }

    /// <summary>Maps the provider statement route onto the group of admin and provider keys.</summary>
    public static void MapProviderRoutes(RouteGroupBuilder providers)
    {
        providers.MapGet("/providers/{owner}/statement", ProviderAsync)
            .WithTags("Ledger")
            .Produces<StatementView>()
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A provider's usage on its sites, charges, commission and payouts for a period (admin, or the provider's key)");
    }

    /// <summary>A tenant's statement; a tenant key sees only its own.</summary>
    public static async Task<IResult> TenantAsync(
        string tenant, string? month, string? from, string? to, string? format, Caller caller, IStore store, SiteDirectory directory, MarketOptions market, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!caller.Sees(tenant) || await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problems.NotFound("tenant", tenant);
        }

        var (begin, end, field, error) = StatementPeriod.Parse(month, from, to, time.GetUtcNow());
        if (error is not null)
        {
            return Problems.BadField(field!, error);
        }

        if (!KnownFormat(format))
        {
            return Problems.BadField("format", $"'{format}' is not one of json, csv, html");
        }

        var sites = await SitesAsync(store, directory, cancellationToken).ConfigureAwait(false);
        Func<string, Site?> siteOf = id => sites.GetValueOrDefault(id);
        return format switch
        {
            "csv" => Csv(store, StatementSubject.ForTenant(tenant, begin, end, market.Currency, siteOf), cancellationToken),
            "html" => Html(await StatementBuilder.SummaryForTenantAsync(store, tenant, begin, end, market.Currency, siteOf, StatementHtml.FirstRows, cancellationToken).ConfigureAwait(false), siteOf),
            _ => TypedResults.Ok(await StatementBuilder.ForTenantAsync(store, tenant, begin, end, market.Currency, siteOf, cancellationToken).ConfigureAwait(false)),
        };
    }

    /// <summary>A provider's statement over the registered sites it owns; a provider key sees only its own.</summary>
    public static async Task<IResult> ProviderAsync(
        string owner, string? month, string? from, string? to, string? format, ClaimsPrincipal user, IStore store, SiteDirectory directory, MarketOptions market, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ProvidersApi.Refuse(user, owner) is { } refused)
        {
            return refused;
        }

        var (begin, end, field, error) = StatementPeriod.Parse(month, from, to, time.GetUtcNow());
        if (error is not null)
        {
            return Problems.BadField(field!, error);
        }

        if (!KnownFormat(format))
        {
            return Problems.BadField("format", $"'{format}' is not one of json, csv, html");
        }

        var sites = await SitesAsync(store, directory, cancellationToken).ConfigureAwait(false);
        var owned = sites.Where(p => p.Value?.Owner == owner).Select(p => p.Key).ToList();
        Func<string, Site?> siteOf = id => sites.GetValueOrDefault(id);
        return format switch
        {
            "csv" => Csv(store, StatementSubject.ForProvider(owner, owned, begin, end, market.Currency, siteOf), cancellationToken),
            "html" => Html(await StatementBuilder.SummaryForProviderAsync(store, owner, owned, begin, end, market.Currency, siteOf, StatementHtml.FirstRows, cancellationToken).ConfigureAwait(false), siteOf),
            _ => TypedResults.Ok(await StatementBuilder.ForProviderAsync(store, owner, owned, begin, end, market.Currency, siteOf, cancellationToken).ConfigureAwait(false)),
        };
    }

    private static bool KnownFormat(string? format) => format is null or "json" or "csv" or "html";

    // The CSV is written to the response as its rows are read, a page at a time.
    private static PushStreamHttpResult Csv(IStore store, StatementSubject subject, CancellationToken cancellationToken) =>
        TypedResults.Stream(body => StatementCsv.WriteAsync(store, subject, body, cancellationToken), "text/csv; charset=utf-8");

    private static ContentHttpResult Html(StatementSummary summary, Func<string, Site?> siteOf) =>
        TypedResults.Text(StatementHtml.Render(summary, siteOf), "text/html; charset=utf-8");

    private static async Task<Dictionary<string, Site?>> SitesAsync(IStore store, SiteDirectory directory, CancellationToken cancellationToken) =>
        directory.ById(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
}
