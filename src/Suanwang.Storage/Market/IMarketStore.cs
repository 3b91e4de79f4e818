using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Market;

/// <summary>
/// The market's durable state: a double-entry ledger in minor units, orders, quotes and metered
/// usage. Every write is durable when its task completes and is all-or-nothing. A floor-zero
/// account (a tenant's wallet or hold) never goes below zero, however many callers or server
/// processes write at once: a write that would take it there writes nothing and says so, and the
/// database's CHECK constraint refuses it should the code ever try.
/// </summary>
public interface IMarketStore
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

    /// <summary>
    /// Places an order in one transaction. When the tenant used the key before, returns that order
    /// as replayed, writing nothing. Otherwise, when the wallet holds enough: submits the job
    /// (queued, with its "submitted" event), stores the order, and posts the reserve (wallet to hold,
    /// order open) or, for a block, the order's charge (order settled at once). When the wallet
    /// does not hold enough, writes nothing and returns insufficient. A block also stores what it
    /// holds (<see cref="NewOrder.Block"/>) in the same transaction, and only when the blocks
    /// overlapping its period on that pool, with it, hold no more cards than the pool has; otherwise
    /// it writes nothing and returns oversold. Concurrent block orders, from this process or others
    /// sharing the database, are checked one after another, so a pool cannot be oversold.
    /// </summary>
    /// <exception cref="ArgumentException">A job order without a job or with a charge or block, a block without a charge, a job or what it holds, a negative reserve, or a charge that does not take exactly the reserve from the tenant's wallet.</exception>
    Task<OrderResult> PlaceOrderAsync(NewOrder order, NewJob? job, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Blocks in force at <paramref name="at"/> (starts_at ≤ at &lt; ends_at), by site, pool and order id.</summary>
    Task<IReadOnlyList<BlockRecord>> ListActiveBlocksAsync(DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The order, or null.</summary>
    Task<OrderRecord?> GetOrderAsync(string id, CancellationToken cancellationToken);

    /// <summary>The tenant's order placed with this idempotency key, or null.</summary>
    Task<OrderRecord?> FindOrderAsync(string tenant, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>A page of orders, newest first, continuing after the order <paramref name="beforeId"/> (an unknown id gives an empty page); all tenants when <paramref name="tenant"/> is null.</summary>
    Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string? tenant, int limit, string? beforeId, CancellationToken cancellationToken);

    /// <summary>Open job orders whose job has reached a final state, oldest first: what settlement works through.</summary>
    Task<IReadOnlyList<OrderRecord>> ListOrdersToSettleAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Settles an open job order whose job is final, once: in one transaction the order becomes
    /// settled (charged = the sum of the usage charges), the usage rows get their figures, and
    /// <paramref name="settlement"/> is posted. False, writing nothing, when the order is missing,
    /// already settled, or its job is not final yet.
    /// </summary>
    /// <exception cref="ArgumentException">The settlement does not release exactly the order's reserve from the hold, charges more than it, or names usage rows that are not the job's unsettled ones.</exception>
    Task<bool> SettleOrderAsync(string orderId, IReadOnlyList<SettledUsage> usage, Posting? settlement, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The job's metered runs, by fence.</summary>
    Task<IReadOnlyList<UsageRecord>> ListUsageAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Runs that ended in [<paramref name="from"/>, <paramref name="to"/>), optionally of one tenant and on some sites, in order of end.</summary>
    Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>An account's balance in a currency; 0 when it has never been posted to.</summary>
    Task<AccountBalance> GetBalanceAsync(string account, string currency, CancellationToken cancellationToken);

    /// <summary>Every account whose name starts with <paramref name="accountPrefix"/>, by name and currency.</summary>
    Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(string accountPrefix, CancellationToken cancellationToken);

    /// <summary>Lines of accounts whose name starts with <paramref name="accountPrefix"/>, posted in [<paramref name="from"/>, <paramref name="to"/>), in posting order: a statement.</summary>
    Task<IReadOnlyList<LedgerLine>> ListLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the whole ledger in one snapshot and reports postings whose lines do not balance or are
    /// fewer than two, accounts whose balance differs from the sum of their lines, and floor-zero
    /// accounts below zero.
    /// </summary>
    Task<LedgerCheck> VerifyLedgerAsync(CancellationToken cancellationToken);

    /// <summary>Stores a quote.</summary>
    Task SaveQuoteAsync(QuoteRecord quote, CancellationToken cancellationToken);

    /// <summary>The quote, or null (also when expired quotes were deleted).</summary>
    Task<QuoteRecord?> GetQuoteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Deletes quotes that expired before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteExpiredQuotesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
