using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Server.Tests.Fakes;

/// <summary>The market half of the fake: the real stores' rules (idempotency, floor-zero accounts, settle once) kept in memory.</summary>
public sealed partial class FakeStore
{
    private readonly Dictionary<(string Account, string Currency), long> _balances = [];
    private readonly List<(long Id, DateTimeOffset At, Posting Posting)> _postings = [];
    private readonly Dictionary<(string Scope, string Key), long> _postingKeys = [];
    private readonly Dictionary<string, (OrderRecord Order, long Sequence)> _orders = new(StringComparer.Ordinal);
    private readonly SortedDictionary<(long JobId, long Fence), UsageRecord> _usage = [];
    private readonly Dictionary<long, (decimal Price, string Currency, bool Spot)> _prices = [];
    private readonly Dictionary<string, QuoteRecord> _quotes = new(StringComparer.Ordinal);
    private readonly List<BlockRecord> _blocks = [];
    private long _nextOrder;

    public Task<PostResult> PostAsync(Posting posting, string? idempotencyKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Posting.Create(posting.Kind, posting.Tenant, posting.OrderId, posting.Memo, posting.Lines);
        lock (_lock)
        {
            if (idempotencyKey is not null && _postingKeys.TryGetValue((posting.Tenant ?? "", idempotencyKey), out var first))
            {
                return Task.FromResult(new PostResult(first, true, false));
            }

            if (!HasFunds(posting))
            {
                return Task.FromResult(new PostResult(0, false, true));
            }

            var id = Apply(posting, at);
            if (idempotencyKey is not null)
            {
                _postingKeys[(posting.Tenant ?? "", idempotencyKey)] = id;
            }

            return Task.FromResult(new PostResult(id, false, false));
        }
    }

    public Task<OrderResult> PlaceOrderAsync(NewOrder order, NewJob? job, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (order.Kind == OrderKinds.Job ? job is null || order.Charge is not null || order.Block is not null : job is not null || order.Charge is null || order.Block is null)
        {
            throw new ArgumentException("a job order needs a job, a block a charge and what it holds", nameof(order));
        }

        var posting = order.Charge ?? (order.Reserved > 0 ? Postings.Reserve(order.Tenant, order.Id, order.Reserved, order.Currency) : null);
        lock (_lock)
        {
            var prior = _orders.Values.Select(o => o.Order).FirstOrDefault(o => o.Tenant == order.Tenant && o.IdempotencyKey == order.IdempotencyKey);
            if (prior is not null)
            {
                return Task.FromResult(new OrderResult(prior, true, prior.RequestHash == order.RequestHash, false));
            }

            if (order.Block is { } wanted && _blocks
                .Where(b => b.Site == wanted.Site && b.Pool == wanted.Pool && b.StartsAt < wanted.EndsAt && b.EndsAt > wanted.StartsAt)
                .Sum(b => b.Cards) + wanted.Cards > wanted.PoolCards)
            {
                return Task.FromResult(new OrderResult(null, false, true, false, Oversold: true));
            }

            if (posting is not null && !HasFunds(posting))
            {
                return Task.FromResult(new OrderResult(null, false, true, true));
            }

            var jobId = job is null ? (long?)null : Submit(job, at).Id;
            var block = order.Kind == OrderKinds.Block;
            var record = new OrderRecord(
                order.Id, order.Tenant, order.IdempotencyKey, order.RequestHash, order.Kind, order.QuoteId, jobId, order.Currency, order.Reserved,
                block ? order.Reserved : null, block ? OrderStates.Settled : OrderStates.Open, at, block ? at : null);
            _orders[order.Id] = (record, _nextOrder++);
            if (order.Block is { } held)
            {
                _blocks.Add(new BlockRecord(order.Id, order.Tenant, held.Site, held.Pool, held.Cards, held.StartsAt, held.EndsAt));
            }
            if (posting is not null)
            {
                Apply(posting, at);
            }

            return Task.FromResult(new OrderResult(record, false, true, false));
        }
    }

    public Task<IReadOnlyList<BlockRecord>> ListActiveBlocksAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<BlockRecord> active = _blocks
                .Where(b => b.StartsAt <= at && b.EndsAt > at)
                .OrderBy(b => b.Site, StringComparer.Ordinal).ThenBy(b => b.Pool).ThenBy(b => b.OrderId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(active);
        }
    }

    public Task<OrderRecord?> GetOrderAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_orders.TryGetValue(id, out var order) ? order.Order : null);
        }
    }

    public Task<OrderRecord?> FindOrderAsync(string tenant, string idempotencyKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_orders.Values.Select(o => o.Order).FirstOrDefault(o => o.Tenant == tenant && o.IdempotencyKey == idempotencyKey));
        }
    }

    public Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string? tenant, int limit, string? beforeId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var before = beforeId is null ? long.MaxValue : _orders.TryGetValue(beforeId, out var cursor) ? cursor.Sequence : long.MinValue;
            IReadOnlyList<OrderRecord> page = _orders.Values
                .Where(o => (tenant is null || o.Order.Tenant == tenant) && o.Sequence < before)
                .OrderByDescending(o => o.Sequence)
                .Take(limit)
                .Select(o => o.Order)
                .ToList();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<OrderRecord>> ListOrdersToSettleAsync(int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<OrderRecord> due = _orders.Values
                .OrderBy(o => o.Sequence)
                .Select(o => o.Order)
                .Where(o => o.State == OrderStates.Open && o.JobId is { } job && JobStates.IsFinal(_jobs[job].State))
                .Take(limit)
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task<bool> SettleOrderAsync(string orderId, IReadOnlyList<SettledUsage> usage, Posting? settlement, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var entry) || entry.Order.State != OrderStates.Open
                || entry.Order.JobId is not { } job || !JobStates.IsFinal(_jobs[job].State))
            {
                return Task.FromResult(false);
            }

            foreach (var row in usage)
            {
                var key = (row.JobId, row.Fence);
                if (row.JobId != job || !_usage.TryGetValue(key, out var stored) || stored.Charge is not null)
                {
                    throw new ArgumentException($"order {orderId} has no unsettled usage of job {row.JobId} fence {row.Fence}", nameof(usage));
                }

                _usage[key] = stored with
                {
                    CardHours = row.CardHours,
                    PetaflopHours = row.PetaflopHours,
                    Kwh = row.Kwh,
                    KgCo2 = row.KgCo2,
                    Charge = row.Charge,
                    Commission = row.Commission,
                };
            }

            _orders[orderId] = (entry.Order with { State = OrderStates.Settled, Charged = usage.Sum(u => u.Charge), SettledAt = at }, entry.Sequence);
            if (settlement is not null)
            {
                Apply(settlement, at);
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<UsageRecord>> ListUsageAsync(long jobId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<UsageRecord>>(_usage.Values.Where(u => u.JobId == jobId).ToList());
        }
    }

    public Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<UsageRecord> rows = _usage.Values
                .Where(u => u.EndedAt >= from && u.EndedAt < to && (tenant is null || u.Tenant == tenant) && (sites is null || sites.Contains(u.Site)))
                .OrderBy(u => u.EndedAt)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<AccountBalance> GetBalanceAsync(string account, string currency, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(new AccountBalance(account, currency, _balances.GetValueOrDefault((account, currency)), Accounts.FloorsAtZero(account)));
        }
    }

    public Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(string accountPrefix, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<AccountBalance> balances = _balances
                .Where(b => b.Key.Account.StartsWith(accountPrefix, StringComparison.Ordinal))
                .OrderBy(b => b.Key.Account, StringComparer.Ordinal)
                .ThenBy(b => b.Key.Currency, StringComparer.Ordinal)
                .Select(b => new AccountBalance(b.Key.Account, b.Key.Currency, b.Value, Accounts.FloorsAtZero(b.Key.Account)))
                .ToList();
            return Task.FromResult(balances);
        }
    }

    public Task<IReadOnlyList<LedgerLine>> ListLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<LedgerLine> lines = _postings
                .Where(p => p.At >= from && p.At < to)
                .SelectMany(p => p.Posting.Lines
                    .Where(l => l.Account.StartsWith(accountPrefix, StringComparison.Ordinal))
                    .OrderBy(l => l.Account, StringComparer.Ordinal)
                    .Select(l => new LedgerLine(p.Id, p.At, p.Posting.Kind, p.Posting.Tenant, p.Posting.OrderId, p.Posting.Memo, l.Account, l.Currency, l.Amount)))
                .ToList();
            return Task.FromResult(lines);
        }
    }

    public Task<LedgerCheck> VerifyLedgerAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var problems = _postings.Where(p => !Posting.IsBalanced(p.Posting.Lines)).Select(p => $"posting {p.Id} does not balance").ToList();
            return Task.FromResult(new LedgerCheck(problems.Count == 0, _postings.Count, _postings.Sum(p => p.Posting.Lines.Count), problems));
        }
    }

    public Task SaveQuoteAsync(QuoteRecord quote, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _quotes.Add(quote.Id, quote);
            return Task.CompletedTask;
        }
    }

    public Task<QuoteRecord?> GetQuoteAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_quotes.GetValueOrDefault(id));
        }
    }

    public Task<int> DeleteExpiredQuotesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var expired = _quotes.Values.Where(q => q.ExpiresAt < before).Select(q => q.Id).ToList();
            expired.ForEach(id => _quotes.Remove(id));
            return Task.FromResult(expired.Count);
        }
    }

    // Writes the usage row of the run the job holds; returns the job for the caller's change.
    private JobRecord Metered(JobRecord job, double acceleratorSeconds, DateTimeOffset at, string outcome)
    {
        var (price, currency, spot) = _prices.TryGetValue(job.Id, out var recorded) ? recorded : (0m, "", false);
        _usage[(job.Id, job.Fence)] = new UsageRecord(
            job.Id, job.Fence, job.Tenant, job.Site!, job.Pool!.Value, job.CardsPerNode * job.Nodes!.Count, acceleratorSeconds,
            price, currency, spot, job.StartedAt, at, outcome, null, null, null, null, null, null);
        return job;
    }

    private bool HasFunds(Posting posting) => posting.Lines.All(l =>
        l.Amount >= 0 || !Accounts.FloorsAtZero(l.Account) || _balances.GetValueOrDefault((l.Account, l.Currency)) + l.Amount >= 0);

    private long Apply(Posting posting, DateTimeOffset at)
    {
        var id = _postings.Count + 1;
        _postings.Add((id, at, posting));
        foreach (var line in posting.Lines)
        {
            _balances[(line.Account, line.Currency)] = _balances.GetValueOrDefault((line.Account, line.Currency)) + line.Amount;
        }

        return id;
    }
}
