using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Market;

/// <summary>What placing an order writes, worked out and checked before either store runs it.</summary>
/// <param name="Order">The order.</param>
/// <param name="Job">The job to submit; null for a block.</param>
/// <param name="Posting">The reserve or the block's charge; null for a job order that reserves nothing.</param>
/// <param name="Lines">The posting's lines, sorted; empty without a posting.</param>
/// <param name="State">The order's state once placed: open for a job, settled for a block.</param>
/// <param name="Charged">Null for a job; the reserve for a block.</param>
internal sealed record OrderPlan(NewOrder Order, NewJob? Job, Posting? Posting, PostingLine[] Lines, string State, long? Charged)
{
    /// <summary>Checks the order against its kind and works out its posting.</summary>
    /// <exception cref="ArgumentException">The order is not consistent (see <see cref="IOrderStore.PlaceOrderAsync"/>).</exception>
    public static OrderPlan Of(NewOrder order, NewJob? job)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrWhiteSpace(order.Id, nameof(order));
        ArgumentException.ThrowIfNullOrWhiteSpace(order.Tenant, nameof(order));
        ArgumentException.ThrowIfNullOrWhiteSpace(order.IdempotencyKey, nameof(order));
        ArgumentNullException.ThrowIfNull(order.RequestHash, nameof(order));
        ArgumentOutOfRangeException.ThrowIfNegative(order.Reserved, nameof(order));
        if (!Currencies.IsCode(order.Currency))
        {
            throw new ArgumentException($"'{order.Currency}' is not an ISO 4217 currency code", nameof(order));
        }

        switch (order.Kind)
        {
            case OrderKinds.Job:
                if (job is null || order.Charge is not null || order.Block is not null)
                {
                    throw new ArgumentException("a job order needs a job and no charge or block: it reserves its amount", nameof(order));
                }

                if (job.Tenant != order.Tenant)
                {
                    throw new ArgumentException($"the job's tenant {job.Tenant} is not the order's {order.Tenant}", nameof(job));
                }

                if (order.Reserved == 0)
                {
                    return new OrderPlan(order, job, null, [], OrderLifecycle.Initial(order.Kind), null);
                }

                var reserve = Postings.Reserve(order.Tenant, order.Id, order.Reserved, order.Currency);
                return new OrderPlan(order, job, reserve, PostingRules.Check(reserve), OrderLifecycle.Initial(order.Kind), null);

            case OrderKinds.Block:
                if (job is not null || order.Charge is not { } charge || order.Block is not { } block)
                {
                    throw new ArgumentException("a block order needs a charge, what it holds, and no job", nameof(order));
                }

                ArgumentException.ThrowIfNullOrWhiteSpace(block.Site, nameof(order));
                if (block.Pool < 0 || block.Cards < 1 || block.Cards > block.PoolCards || block.EndsAt <= block.StartsAt)
                {
                    throw new ArgumentException($"a block holds 1 to {block.PoolCards} cards of a pool for a period that ends after it starts", nameof(order));
                }

                var lines = PostingRules.Check(charge);
                var wallet = Accounts.Wallet(order.Tenant);
                var debit = lines.FirstOrDefault(l => l.Account == wallet && l.Currency == order.Currency)?.Amount ?? 0;
                if (order.Reserved == 0 || debit != -order.Reserved || charge.Tenant != order.Tenant || charge.OrderId != order.Id)
                {
                    throw new ArgumentException($"a block's charge must be the order's own and take exactly the {order.Reserved} reserved from {wallet} in {order.Currency}", nameof(order));
                }

                return new OrderPlan(order, null, charge, lines, OrderLifecycle.Initial(order.Kind), order.Reserved);

            default:
                throw new ArgumentException($"order kind '{order.Kind}' is not '{OrderKinds.Job}' or '{OrderKinds.Block}'", nameof(order));
        }
    }

    /// <summary>The order as stored once placed at <paramref name="at"/> with job <paramref name="jobId"/>.</summary>
    public OrderRecord Record(long? jobId, DateTimeOffset at) => new(
        Order.Id,
        Order.Tenant,
        Order.IdempotencyKey,
        Order.RequestHash,
        Order.Kind,
        Order.QuoteId,
        jobId,
        Order.Currency,
        Order.Reserved,
        Charged,
        State,
        StoredTime.Truncate(at),
        State == OrderStates.Settled ? StoredTime.Truncate(at) : null);
}
