using Suanwang.Core.Market;
using Suanwang.Core.Sites;

namespace Suanwang.ControlPlane.Statements;

/// <summary>Whose statement, for when: what a download reads from the store.</summary>
/// <param name="Subject">"tenant" or "provider".</param>
/// <param name="Id">The tenant's id or the provider's (site owner's) name.</param>
/// <param name="AccountPrefix">The accounts whose movements it lists: the tenant's, or what the provider is owed.</param>
/// <param name="Tenant">The tenant whose runs and token requests it holds; null for a provider's.</param>
/// <param name="Sites">The provider's sites, whose runs it holds; null for a tenant's.</param>
/// <param name="Owner">The provider whose token requests it holds; null for a tenant's.</param>
/// <param name="From">Start of the period.</param>
/// <param name="To">End of the period (exclusive).</param>
/// <param name="Currency">The base currency: amounts, and the only currency listed.</param>
/// <param name="SiteOf">The registered site of an id (for the model of a run's pool).</param>
public sealed record StatementSubject(
    string Subject, string Id, string AccountPrefix, string? Tenant, IReadOnlyCollection<string>? Sites, string? Owner,
    DateTimeOffset From, DateTimeOffset To, string Currency, Func<string, Site?> SiteOf)
{
    /// <summary>A tenant's statement: its runs, the movements of its wallet and hold, its token requests.</summary>
    public static StatementSubject ForTenant(string tenant, DateTimeOffset from, DateTimeOffset to, string currency, Func<string, Site?> siteOf) =>
        new("tenant", tenant, $"tenant:{tenant}:", tenant, null, null, from, to, currency, siteOf);

    /// <summary>A provider's statement: runs on the sites it owns, what it is owed, token requests at its sites.</summary>
    public static StatementSubject ForProvider(string owner, IReadOnlyCollection<string> sites, DateTimeOffset from, DateTimeOffset to, string currency, Func<string, Site?> siteOf) =>
        new("provider", owner, Accounts.Payable(owner), null, sites, owner, from, to, currency, siteOf);
}
