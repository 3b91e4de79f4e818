using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Market;

/// <summary>
/// Orders: placed with their job and reserve (or, for a block, its charge) in one transaction, and
/// settled from metered usage once their job is final. Every write is durable when its task
/// completes and is all-or-nothing; no write takes a floor-zero account below zero.
/// </summary>
public interface IOrderStore
{
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

    /// <summary>The order, or null.</summary>
    Task<OrderRecord?> GetOrderAsync(string id, CancellationToken cancellationToken);

    /// <summary>The tenant's order placed with this idempotency key, or null.</summary>
    Task<OrderRecord?> FindOrderAsync(string tenant, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>A page of orders, newest first, continuing after the order <paramref name="beforeId"/> (an unknown id gives an empty page); all tenants when <paramref name="tenant"/> is null.</summary>
    Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string? tenant, int limit, string? beforeId, CancellationToken cancellationToken);

    /// <summary>Open job orders whose job has reached a final state, oldest first: what settlement works through.</summary>
    Task<IReadOnlyList<OrderRecord>> ListOrdersToSettleAsync(int limit, CancellationToken cancellationToken) =>
        ListOrdersToSettleAsync(limit, null, cancellationToken);

    /// <summary>
    /// Open job orders whose job has reached a final state, oldest first, leaving out, when
    /// <paramref name="stopReportsFrom"/> is given, those whose job was cancelled at or after it
    /// before its run was reported started: its site may have started the run, and reports what
    /// the run used when it stops it (<see cref="IUsageStore.MeterStoppedRunAsync"/>).
    /// </summary>
    Task<IReadOnlyList<OrderRecord>> ListOrdersToSettleAsync(int limit, DateTimeOffset? stopReportsFrom, CancellationToken cancellationToken);

    /// <summary>
    /// Settles an open job order whose job is final, once: in one transaction the order becomes
    /// settled (charged = the sum of the usage charges), the usage rows get their figures, and
    /// <paramref name="settlement"/> is posted. False, writing nothing, when the order is missing,
    /// already settled, or its job is not final yet.
    /// </summary>
    /// <exception cref="ArgumentException">The settlement does not release exactly the order's reserve from the hold, charges more than it, or names usage rows that are not the job's unsettled ones.</exception>
    Task<bool> SettleOrderAsync(string orderId, IReadOnlyList<SettledUsage> usage, Posting? settlement, DateTimeOffset at, CancellationToken cancellationToken);
}
