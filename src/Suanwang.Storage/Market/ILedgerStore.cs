using Suanwang.Core.Market;

namespace Suanwang.Storage.Market;

/// <summary>
/// The market's double-entry ledger in minor units. Every write is durable when its task completes
/// and is all-or-nothing. A floor-zero account (a tenant's wallet or hold) never goes below zero,
/// however many callers or server processes write at once: a write that would take it there writes
/// nothing and says so, and the database's CHECK constraint refuses it should the code ever try.
/// </summary>
public interface ILedgerStore
{
    /// <summary>
    /// Appends a balanced posting and adds its lines to the accounts' balances (creating accounts as
    /// needed, floor-zero per <see cref="Accounts.FloorsAtZero"/>). With an idempotency key already
    /// used by the posting's tenant (null tenant: a scope of its own) it writes nothing and returns
    /// the first posting's id as replayed. Insufficient, writing nothing, when a floor-zero account
    /// would go below zero.
    /// </summary>
    /// <exception cref="ArgumentException">The posting is not balanced, has fewer than two lines, a zero line, or an account twice in a currency.</exception>
    Task<PostResult> PostAsync(Posting posting, string? idempotencyKey, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>An account's balance in a currency; 0 when it has never been posted to.</summary>
    Task<AccountBalance> GetBalanceAsync(string account, string currency, CancellationToken cancellationToken);

    /// <summary>Every account whose name starts with <paramref name="accountPrefix"/>, by name and currency.</summary>
    Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(string accountPrefix, CancellationToken cancellationToken);

    /// <summary>Lines of accounts whose name starts with <paramref name="accountPrefix"/>, posted in [<paramref name="from"/>, <paramref name="to"/>), in posting order: a statement.</summary>
    Task<IReadOnlyList<LedgerLine>> ListLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Every line of one posting, by account and currency; empty when there is no such posting.</summary>
    Task<IReadOnlyList<LedgerLine>> GetPostingLinesAsync(long postingId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the whole ledger in one snapshot and reports postings whose lines do not balance or are
    /// fewer than two, accounts whose balance differs from the sum of their lines, and floor-zero
    /// accounts below zero.
    /// </summary>
    Task<LedgerCheck> VerifyLedgerAsync(CancellationToken cancellationToken);

    /// <summary>The first <paramref name="limit"/> lines of <see cref="ListLinesAsync"/>, in the same order.</summary>
    async Task<IReadOnlyList<LedgerLine>> ListFirstLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        (await ListLinesAsync(accountPrefix, from, to, cancellationToken).ConfigureAwait(false)).Take(limit).ToList();

    /// <summary>The next <paramref name="limit"/> lines of <see cref="ListLinesAsync"/> after <paramref name="after"/> (from the first when null), in the same order: a download a page at a time.</summary>
    async Task<IReadOnlyList<LedgerLine>> ListLinesAfterAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, LedgerLine? after, int limit, CancellationToken cancellationToken) =>
        (await ListLinesAsync(accountPrefix, from, to, cancellationToken).ConfigureAwait(false))
            .Where(l => after is null || l.PostingId > after.PostingId || (l.PostingId == after.PostingId &&
                (string.CompareOrdinal(l.Account, after.Account) > 0 || (l.Account == after.Account && string.CompareOrdinal(l.Currency, after.Currency) > 0))))
            .Take(limit)
            .ToList();

    /// <summary>The newest <paramref name="limit"/> lines in <paramref name="currency"/> of the accounts under a prefix posted at or after <paramref name="since"/>, newest posting first.</summary>
    async Task<IReadOnlyList<LedgerLine>> ListLatestLinesAsync(string accountPrefix, string currency, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        (await ListLinesAsync(accountPrefix, since, DateTimeOffset.MaxValue, cancellationToken).ConfigureAwait(false))
            .Where(l => l.Currency == currency)
            .OrderByDescending(l => l.PostingId).ThenBy(l => l.Account, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    /// <summary>The lines of <see cref="ListLinesAsync"/> summed per account, posting kind and currency.</summary>
    async Task<IReadOnlyList<LineSum>> SumLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await ListLinesAsync(accountPrefix, from, to, cancellationToken).ConfigureAwait(false))
            .GroupBy(l => (l.Account, l.Kind, l.Currency))
            .OrderBy(g => g.Key.Account, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
            .Select(g => new LineSum(g.Key.Account, g.Key.Kind, g.Key.Currency, g.LongCount(), g.Sum(l => l.Amount)))
            .ToList();
}
