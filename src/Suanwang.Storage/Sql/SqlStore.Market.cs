using System.Data.Common;
using System.Globalization;
using System.Text;
using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc cref="IOrderStore.GetOrderAsync"/>
    public Task<OrderRecord?> GetOrderAsync(string id, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {MarketRows.OrderColumns} FROM orders WHERE id = @id", new() { { "@id", id } }, ReadOrder, cancellationToken);

    /// <inheritdoc cref="IOrderStore.FindOrderAsync"/>
    public Task<OrderRecord?> FindOrderAsync(string tenant, string idempotencyKey, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {MarketRows.OrderColumns} FROM orders WHERE tenant = @tenant AND idempotency_key = @key",
        new() { { "@tenant", tenant }, { "@key", idempotencyKey } },
        ReadOrder,
        cancellationToken);

    /// <inheritdoc cref="IOrderStore.ListOrdersAsync"/>
    public Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string? tenant, int limit, string? beforeId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        // Ids are random, so the order is by creation time, the id breaking ties; the cursor is
        // the row of the last order seen. Only the filters given go into the SQL.
        var sql = new StringBuilder($"SELECT {MarketRows.OrderColumns} FROM orders WHERE true");
        var parameters = new SqlParameters { { "@limit", limit } };
        if (tenant is not null)
        {
            sql.Append(" AND tenant = @tenant");
            parameters.Add("@tenant", tenant);
        }

        if (beforeId is not null)
        {
            sql.Append(" AND (created_at, id) < (SELECT created_at, id FROM orders WHERE id = @before)");
            parameters.Add("@before", beforeId);
        }

        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT @limit");
        return SelectListAsync(sql.ToString(), parameters, ReadOrder, cancellationToken);
    }

    /// <inheritdoc cref="IOrderStore.ListOrdersToSettleAsync(int, CancellationToken)"/>
    public Task<IReadOnlyList<OrderRecord>> ListOrdersToSettleAsync(int limit, CancellationToken cancellationToken) =>
        ListOrdersToSettleAsync(limit, null, cancellationToken);

    /// <inheritdoc cref="IOrderStore.ListOrdersToSettleAsync(int, DateTimeOffset?, CancellationToken)"/>
    public Task<IReadOnlyList<OrderRecord>> ListOrdersToSettleAsync(int limit, DateTimeOffset? stopReportsFrom, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // A run cancelled while placed is metered with no start; its site's stop report gives it one.
        var waiting = stopReportsFrom is null
            ? ""
            : $"AND NOT EXISTS (SELECT 1 FROM usage u WHERE u.job_id = j.id AND u.fence = j.fence AND u.outcome = '{UsageOutcomes.Cancelled}' AND u.started_at IS NULL AND u.ended_at >= @from) ";
        var parameters = new SqlParameters { { "@limit", limit } };
        if (stopReportsFrom is { } from)
        {
            parameters.Add("@from", TimeValue(from));
        }

        return SelectListAsync(
            $"SELECT {MarketRows.QualifiedOrderColumns} FROM orders o JOIN jobs j ON j.id = o.job_id " +
            $"WHERE o.state IN {JobSql.Settleable} AND o.kind = '{OrderKinds.Job}' AND j.state IN {JobSql.Final} {waiting}ORDER BY o.created_at, o.id LIMIT @limit",
            parameters,
            ReadOrder,
            cancellationToken);
    }

    /// <inheritdoc cref="IBlockStore.ListActiveBlocksAsync"/>
    public Task<IReadOnlyList<BlockRecord>> ListActiveBlocksAsync(DateTimeOffset at, CancellationToken cancellationToken) => SelectListAsync(
        $"SELECT {MarketRows.BlockColumns} FROM reservations WHERE ends_at > @at AND starts_at <= @at ORDER BY site, pool, order_id",
        new() { { "@at", TimeValue(at) } },
        reader => MarketRows.ReadBlock(reader, _time),
        cancellationToken);

    /// <inheritdoc cref="IUsageStore.ListUsageAsync"/>
    public Task<IReadOnlyList<UsageRecord>> ListUsageAsync(long jobId, CancellationToken cancellationToken) => SelectListAsync(
        $"SELECT {MarketRows.UsageColumns} FROM usage WHERE job_id = @job ORDER BY fence", new() { { "@job", jobId } }, ReadUsage, cancellationToken);

    /// <inheritdoc cref="IUsageStore.ListUsageInPeriodAsync"/>
    public Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (where, parameters) = UsageWhere(tenant, sites, from, to);
        return SelectListAsync($"SELECT {MarketRows.UsageColumns} FROM usage WHERE {where} ORDER BY ended_at, job_id, fence", parameters, ReadUsage, cancellationToken);
    }

    /// <inheritdoc cref="IQuoteStore.SaveQuoteAsync"/>
    public Task SaveQuoteAsync(QuoteRecord quote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return ChangedAnyAsync(
            $"INSERT INTO quotes ({MarketRows.QuoteColumns}) VALUES (@id, @tenant, @spec, @options, @created, @expires) RETURNING id",
            new()
            {
                { "@id", quote.Id },
                { "@tenant", quote.Tenant },
                { "@spec", quote.Spec },
                { "@options", quote.Options },
                { "@created", TimeValue(quote.CreatedAt) },
                { "@expires", TimeValue(quote.ExpiresAt) },
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IQuoteStore.DeleteExpiredQuotesAsync"/>
    public async Task<int> DeleteExpiredQuotesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var gone = await ChangeAsync("DELETE FROM quotes WHERE expires_at < @before RETURNING id", new() { { "@before", TimeValue(before) } }, _ => 0, cancellationToken)
            .ConfigureAwait(false);
        return gone.Count;
    }

    /// <inheritdoc cref="IQuoteStore.GetQuoteAsync"/>
    public Task<QuoteRecord?> GetQuoteAsync(string id, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {MarketRows.QuoteColumns} FROM quotes WHERE id = @id", new() { { "@id", id } }, reader => MarketRows.ReadQuote(reader, _time), cancellationToken);

    /// <inheritdoc cref="ILedgerStore.GetBalanceAsync"/>
    public async Task<AccountBalance> GetBalanceAsync(string account, string currency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(currency);
        var balances = await SelectAsync(
            "SELECT balance FROM accounts WHERE id = @id AND currency = @currency",
            new() { { "@id", account }, { "@currency", currency } },
            reader => reader.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return new AccountBalance(account, currency, balances.Count == 0 ? 0 : balances[0], Accounts.FloorsAtZero(account));
    }

    /// <inheritdoc cref="ILedgerStore.ListBalancesAsync"/>
    public Task<IReadOnlyList<AccountBalance>> ListBalancesAsync(string accountPrefix, CancellationToken cancellationToken)
    {
        var (range, parameters) = AccountsUnder("id", accountPrefix);
        return SelectListAsync($"SELECT id, currency, balance, floor_zero FROM accounts WHERE {range} ORDER BY id, currency", parameters, MarketRows.ReadBalance, cancellationToken);
    }

    /// <inheritdoc cref="ILedgerStore.GetPostingLinesAsync"/>
    public Task<IReadOnlyList<LedgerLine>> GetPostingLinesAsync(long postingId, CancellationToken cancellationToken) => SelectListAsync(
        $"SELECT {MarketRows.LineColumns} FROM posting_lines l JOIN postings p ON p.id = l.posting_id WHERE l.posting_id = @id ORDER BY l.account, l.currency",
        new() { { "@id", postingId } },
        reader => MarketRows.ReadLine(reader, _time),
        cancellationToken);

    /// <inheritdoc cref="ILedgerStore.ListLinesAsync"/>
    public Task<IReadOnlyList<LedgerLine>> ListLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (range, parameters) = AccountsUnder("l.account", accountPrefix);
        parameters.Add("@from", TimeValue(from));
        parameters.Add("@to", TimeValue(to));
        return SelectListAsync(
            $"SELECT {MarketRows.LineColumns} FROM posting_lines l JOIN postings p ON p.id = l.posting_id " +
            $"WHERE {range} AND p.at >= @from AND p.at < @to ORDER BY p.id, l.account, l.currency",
            parameters,
            reader => MarketRows.ReadLine(reader, _time),
            cancellationToken);
    }

    /// <summary>The order at the reader's current row, read from <see cref="MarketRows.OrderColumns"/>.</summary>
    private protected OrderRecord ReadOrder(DbDataReader reader) => MarketRows.ReadOrder(reader, _time);

    private UsageRecord ReadUsage(DbDataReader reader) => MarketRows.ReadUsage(reader, _time);

    // The accounts whose names start with the prefix, as a range on the column (so an index serves it).
    private static (string Sql, SqlParameters Parameters) AccountsUnder(string column, string prefix)
    {
        var parameters = new SqlParameters { { "@prefix", prefix } };
        if (AccountRange.End(prefix) is not { } end)
        {
            return ($"{column} >= @prefix", parameters);
        }

        parameters.Add("@end", end);
        return ($"{column} >= @prefix AND {column} < @end", parameters);
    }
}
