namespace Suanwang.Storage.Tokens;

/// <summary>
/// The token gateway's state: the model endpoints sites publish, one usage record per request,
/// per-key request counters shared by every gateway replica, and the billing of usage into the
/// ledger. Billing keeps one invariant per tenant, model and owner: the minor units posted plus the
/// carry equal the sum of the exact costs of the records billed.
/// </summary>
public interface ITokenStore
{
    /// <summary>Replaces what <paramref name="site"/> publishes; false, writing nothing, when the site is not registered.</summary>
    Task<bool> SetSiteModelsAsync(string site, string country, string owner, string models, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every site's published endpoints, with whether the site is up, by site id.</summary>
    Task<IReadOnlyList<SiteModelsRecord>> ListSiteModelsAsync(CancellationToken cancellationToken);

    /// <summary>Appends a usage record (durable when the task completes), unbilled; false, writing nothing, when a record with its <see cref="TokenUsageRecord.RecordId"/> is already stored.</summary>
    Task<bool> RecordTokenUsageAsync(TokenUsageRecord usage, CancellationToken cancellationToken);

    /// <summary>Appends usage records in one transaction (durable when the task completes), unbilled, leaving out any whose <see cref="TokenUsageRecord.RecordId"/> is already stored; returns how many were new.</summary>
    Task<int> RecordTokenUsagesAsync(IReadOnlyList<TokenUsageRecord> usages, CancellationToken cancellationToken);

    /// <summary>Counts one request of <paramref name="keyId"/> in <paramref name="minute"/> (minutes since the Unix epoch) and returns the minute's count, this one included.</summary>
    Task<long> CountKeyRequestAsync(string keyId, long minute, CancellationToken cancellationToken);

    /// <summary>Prompt and completion tokens of the key's requests that ended at or after <paramref name="since"/>.</summary>
    Task<long> SumKeyTokensAsync(string keyId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Exact cost (nanos) of the key's requests that ended at or after <paramref name="since"/>.</summary>
    Task<long> SumKeyCostAsync(string keyId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>What the tenant owes for tokens that is not yet posted to its wallet: unbilled records and carries, in nanos.</summary>
    Task<long> GetTokenDueAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>The carries of one tenant, or of all when null.</summary>
    Task<IReadOnlyList<TokenCarry>> ListTokenCarriesAsync(string? tenant, CancellationToken cancellationToken);

    /// <summary>Usage records that ended in [<paramref name="from"/>, <paramref name="to"/>), of one tenant when given, in order.</summary>
    Task<IReadOnlyList<TokenUsageRecord>> ListTokenUsageAsync(string? tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Bills every unbilled record in one transaction: per tenant, model and owner, the carry plus
    /// the records' costs, as whole minor units as far as the wallet holds them, go into one posting
    /// (wallet to the owner's payable less <paramref name="commissionRate"/>, which goes to revenue);
    /// the rest stays in the carry. Replicas may call it at once: one bills, the other finds nothing.
    /// </summary>
    Task<TokenBillingResult> BillTokenUsageAsync(decimal commissionRate, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// The records of <see cref="ListTokenUsageAsync"/> (of one tenant, or of the sites of one
    /// <paramref name="owner"/>, or all) summed per UTC day, model, site and currency.
    /// </summary>
    async Task<IReadOnlyList<TokenSum>> SumTokenUsageAsync(string? tenant, string? owner, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await ListTokenUsageAsync(tenant, from, to, cancellationToken).ConfigureAwait(false))
            .Where(r => owner is null || r.Owner == owner)
            .GroupBy(r => (Day: DateOnly.FromDateTime(r.At.UtcDateTime), r.Model, r.Site, r.Currency))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Site, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new TokenSum(g.Key.Day, g.Key.Model, g.Key.Site, g.Key.Currency, g.LongCount(), g.Sum(r => r.PromptTokens), g.Sum(r => r.CachedTokens), g.Sum(r => r.CompletionTokens), g.Sum(r => r.CostNanos)))
            .ToList();
}
