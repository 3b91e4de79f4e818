using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.ControlPlane.Tenants;
using Suanwang.Core.Market;
using Suanwang.Storage;
using Suanwang.Storage.Tenants;

namespace Suanwang.Portal.Pages.Operator;

/// <summary>
/// The operator's view (admin only): tenants with their limits and balances a page at a time,
/// and the providers with their sites and what the platform owes them.
/// </summary>
public sealed class IndexModel(IStore store, TenantLimitsDirectory limits, SiteDirectory directory, MarketOptions market) : PortalPage
{
    /// <summary>Tenants a page.</summary>
    public const int PageSize = 50;

    /// <summary>One tenant's row.</summary>
    public sealed record TenantRow(TenantRecord Tenant, TenantLimits Limits, decimal Available, decimal Held);

    /// <summary>One provider's row: the owner, its sites and what it is owed.</summary>
    public sealed record ProviderRow(string Owner, int Sites, decimal Owed);

    /// <summary>The tenants of the page.</summary>
    public IReadOnlyList<TenantRow> Tenants { get; private set; } = [];

    /// <summary>Every provider with a registered site.</summary>
    public IReadOnlyList<ProviderRow> Providers { get; private set; } = [];

    /// <summary>All tenants.</summary>
    public int TenantCount { get; private set; }

    /// <summary>The page, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages of tenants.</summary>
    public int Pages => Math.Max(1, (TenantCount + PageSize - 1) / PageSize);

    /// <summary>The base currency.</summary>
    public string Currency => market.Currency;

    /// <summary>Why the query was refused: the field and the reason.</summary>
    public (string Field, string Message)? Problem { get; private set; }

    /// <summary>Shows the view; 403 without an admin session, 400 for a bad page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (DeniedToNonAdmin())
        {
            return Page();
        }

        if (PageQuery.Read(Request, out var page) is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var tenants = await store.ListTenantsAsync(cancellationToken).ConfigureAwait(false);
        TenantCount = tenants.Count;
        PageNumber = Math.Min(page, Pages);
        var rows = new List<TenantRow>(PageSize);
        foreach (var tenant in tenants.Skip((PageNumber - 1) * PageSize).Take(PageSize))
        {
            var available = await store.GetBalanceAsync(Accounts.Wallet(tenant.Id), Currency, cancellationToken).ConfigureAwait(false);
            var held = await store.GetBalanceAsync(Accounts.Hold(tenant.Id), Currency, cancellationToken).ConfigureAwait(false);
            rows.Add(new TenantRow(tenant, await limits.GetAsync(tenant.Id, cancellationToken).ConfigureAwait(false), MinorUnits.ToDecimal(available.Balance, Currency), MinorUnits.ToDecimal(held.Balance, Currency)));
        }

        Tenants = rows;
        var records = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (directory.SiteOf(record) is { } site)
            {
                owners[site.Owner] = owners.GetValueOrDefault(site.Owner) + 1;
            }
        }

        var providers = new List<ProviderRow>(owners.Count);
        foreach (var (owner, count) in owners.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var owed = await store.GetBalanceAsync(Accounts.Payable(owner), Currency, cancellationToken).ConfigureAwait(false);
            providers.Add(new ProviderRow(owner, count, MinorUnits.ToDecimal(owed.Balance, Currency)));
        }

        Providers = providers;
        return Page();
    }

    /// <summary>A limit's value: the number, or "—" for none.</summary>
    public static string Limit(int? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "—";
}
