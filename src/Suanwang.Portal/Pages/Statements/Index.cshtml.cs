using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Statements;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Portal.Charts;
using Suanwang.Portal.Localization;
using Suanwang.Portal.Security;
using Suanwang.Core.Sites;
using Suanwang.Protocol.Market;
using Suanwang.Storage;

namespace Suanwang.Portal.Pages.Statements;

/// <summary>
/// A statement for a month or a date range, built by the same <see cref="StatementBuilder"/> as
/// <c>GET /api/v1/tenants/{tenant}/statement</c>: a tenant's own, any tenant's or a provider's for
/// an admin, and a provider's own for its provider key; with charts, and downloads as CSV and
/// printable HTML with the REST route's bytes.
/// </summary>
[ProviderPage]
public sealed class IndexModel(IStore store, SiteDirectory directory, MarketOptions market, TimeProvider time, Texts texts) : PortalPage
{
    /// <summary>Most characters of a tenant id or provider name in the query.</summary>
    public const int MaxName = 128;

    /// <summary>Most runs and movements listed on the page; the CSV download holds every one.</summary>
    public const int MaxRows = 100;

    /// <summary>The tenant whose statement it is; null for a provider's.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Tenant { get; set; }

    /// <summary>The provider (site owner) whose statement it is, for an admin.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Provider { get; set; }

    /// <summary>The month, YYYY-MM.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    /// <summary>Start of a range, ISO 8601.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>End of a range (exclusive), ISO 8601.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The statement; null when the query was refused.</summary>
    public StatementView? Statement { get; private set; }

    /// <summary>Runs in the whole period (the page lists the first <see cref="MaxRows"/>).</summary>
    public long Runs { get; private set; }

    /// <summary>Movements in the whole period (the page lists the first <see cref="MaxRows"/>).</summary>
    public long MovementCount { get; private set; }

    /// <summary>Its charts.</summary>
    public IReadOnlyList<BarChart> Charts { get; private set; } = [];

    /// <summary>The field at fault and why, when the query was refused.</summary>
    public (string Field, string Message)? Problem { get; private set; }

    /// <summary>The query of the downloads: the same statement as this page.</summary>
    public string DownloadQuery(string handler)
    {
        var query = new StringBuilder("?handler=").Append(handler);
        foreach (var (name, value) in new[] { ("tenant", Tenant), ("provider", Provider), ("month", Month), ("from", From), ("to", To) })
        {
            if (value is not null)
            {
                query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return query.ToString();
    }

    /// <summary>Shows the statement: totals and charts from the period's sums, the first rows of its runs and movements.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (query, refused) = await QueryAsync(cancellationToken).ConfigureAwait(false);
        if (query is not { } q)
        {
            return refused ?? Page();
        }

        var summary = await SummaryAsync(q, MaxRows, cancellationToken).ConfigureAwait(false);
        Statement = summary.View;
        Runs = summary.Runs;
        MovementCount = summary.Movements;
        Charts = StatementCharts.Of(summary.View, summary.Usage, u => q.SiteOf(u.Site) is { } site && u.Pool >= 0 && u.Pool < site.Pools.Count ? site.Pools[u.Pool].Model.Id : null, summary.Tokens, texts);
        return Page();
    }

    /// <summary>The statement as CSV, written as its rows are read: the bytes <c>format=csv</c> of the REST route gives.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (query, refused) = await QueryAsync(cancellationToken).ConfigureAwait(false);
        if (query is not { } q)
        {
            return refused ?? Page();
        }

        var subject = q.Owned is not null
            ? StatementSubject.ForProvider(q.Subject, q.Owned, q.From, q.To, market.Currency, q.SiteOf)
            : StatementSubject.ForTenant(q.Subject, q.From, q.To, market.Currency, q.SiteOf);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(subject)}.csv\"";
        Response.ContentType = "text/csv; charset=utf-8";
        await StatementCsv.WriteAsync(store, subject, Response.Body, cancellationToken).ConfigureAwait(false);
        return new EmptyResult();
    }

    /// <summary>The statement as a printable page: the bytes <c>format=html</c> of the REST route gives.</summary>
    public async Task<IActionResult> OnGetHtmlAsync(CancellationToken cancellationToken)
    {
        var (query, refused) = await QueryAsync(cancellationToken).ConfigureAwait(false);
        if (query is not { } q)
        {
            return refused ?? Page();
        }

        var summary = await SummaryAsync(q, StatementHtml.FirstRows, cancellationToken).ConfigureAwait(false);
        var html = StatementHtml.Render(summary, q.SiteOf);

        // The printable page keeps its one inline style sheet: the policy allows exactly that sheet by its hash, and nothing else.
        Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src '{StyleHash(html)}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        return Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The CSP source of the first style element of <paramref name="html"/>: 'sha256-...'.</summary>
    public static string StyleHash(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var start = html.IndexOf("<style>", StringComparison.Ordinal);
        var end = html.IndexOf("</style>", StringComparison.Ordinal);
        var style = start < 0 || end < start ? "" : html[(start + "<style>".Length)..end];
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
    }

    private static string FileName(StatementSubject s) =>
        $"statement-{s.Subject}-{string.Concat(s.Id.Where(char.IsAsciiLetterOrDigit))}-{s.From.UtcDateTime:yyyyMMdd}-{s.To.UtcDateTime:yyyyMMdd}";

    // Empty fields of the period form mean "not given", as a missing query parameter does.
    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<(StatementQuery? Query, IActionResult? Refused)> QueryAsync(CancellationToken cancellationToken)
    {
        Tenant = Given(Tenant);
        Provider = Given(Provider);
        Month = Given(Month);
        From = Given(From);
        To = Given(To);
        if (Tenant is { Length: > MaxName } || Provider is { Length: > MaxName })
        {
            return Refuse(Tenant is { Length: > MaxName } ? "tenant" : "provider", $"longer than {MaxName} characters");
        }

        if (Tenant is not null && TenantDirectory.IdProblem(Tenant) is { } tenantProblem)
        {
            return Refuse("tenant", tenantProblem);
        }

        // A provider's session sees its own statement only: the page opens on it, and any other is 403.
        if (Me.Owner is { } own)
        {
            if (Tenant is not null || (Provider ?? own) != own)
            {
                return (null, Forbid());
            }

            Provider = own;
        }

        if (Provider is not null && Tenant is not null)
        {
            return Refuse("provider", "give either a tenant or a provider, not both");
        }

        foreach (var (name, value) in new[] { ("month", Month), ("from", From), ("to", To) })
        {
            if (value is { Length: > 64 })
            {
                return Refuse(name, "longer than 64 characters");
            }
        }

        // Provider statements are an admin's and the provider's own, as on the REST API; another tenant's statement is 403 unless the session is an admin's.
        if (Provider is not null ? !Me.Admin && Me.Owner != Provider : !Me.Sees(Tenant ?? Me.Tenant))
        {
            return (null, Forbid());
        }

        var (begin, end, field, error) = StatementPeriod.Parse(Month, From, To, time.GetUtcNow());
        if (error is not null)
        {
            return Refuse(field!, error);
        }

        var sites = directory.ById(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
        Func<string, Site?> siteOf = id => sites.GetValueOrDefault(id);
        if (Provider is not null)
        {
            var owned = sites.Where(p => p.Value?.Owner == Provider).Select(p => p.Key).ToList();
            return (new StatementQuery(Provider, owned, begin, end, siteOf), null);
        }

        var tenant = Tenant ?? Me.Tenant;
        if (await store.GetTenantAsync(tenant, cancellationToken).ConfigureAwait(false) is null)
        {
            return (null, NotFound());
        }

        return (new StatementQuery(tenant, null, begin, end, siteOf), null);
    }

    private async Task<StatementSummary> SummaryAsync(StatementQuery q, int rows, CancellationToken cancellationToken) =>
        q.Owned is not null
            ? await StatementBuilder.SummaryForProviderAsync(store, q.Subject, q.Owned, q.From, q.To, market.Currency, q.SiteOf, rows, cancellationToken).ConfigureAwait(false)
            : await StatementBuilder.SummaryForTenantAsync(store, q.Subject, q.From, q.To, market.Currency, q.SiteOf, rows, cancellationToken).ConfigureAwait(false);

    private (StatementQuery?, IActionResult?) Refuse(string field, string message)
    {
        Problem = (field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return (null, null);
    }

    // Whose statement and for when: a tenant's (Owned null) or a provider's with the sites it owns.
    private sealed record StatementQuery(string Subject, IReadOnlyCollection<string>? Owned, DateTimeOffset From, DateTimeOffset To, Func<string, Site?> SiteOf);
}
