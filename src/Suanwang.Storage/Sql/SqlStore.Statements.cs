using System.Data.Common;
using System.Globalization;
using System.Text;
using Suanwang.Core.Market;
using Suanwang.Storage.Market;
using Suanwang.Storage.Tokens;

namespace Suanwang.Storage.Sql;

// What a statement page reads: sums grouped in SQL and the first rows only, so a period with
// tens of thousands of runs and postings costs a few grouped rows rather than every row. The
// line sums read each line's own time and kind (migration 014) from one index, the runs and
// token requests from indexes that cover their sums; the first lines walk postings in id order
// and look their lines up by primary key (CROSS JOIN keeps that order in SQLite), stopping
// after the limit.
public abstract partial class SqlStore
{
    /// <summary>The UTC day (YYYY-MM-DD) of a time column, as the dialect writes it.</summary>
    private protected abstract string DayOf(string column);

    /// <inheritdoc cref="IUsageStore.ListFirstUsageInPeriodAsync"/>
    public Task<IReadOnlyList<UsageRecord>> ListFirstUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (where, parameters) = UsageWhere(tenant, sites, from, to);
        parameters.Add("@limit", limit);
        return SelectListAsync($"SELECT {MarketRows.UsageColumns} FROM usage WHERE {where} ORDER BY ended_at, job_id, fence LIMIT @limit", parameters, ReadUsage, cancellationToken);
    }

    /// <inheritdoc cref="IUsageStore.ListUsageInPeriodAfterAsync"/>
    public Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAfterAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, UsageRecord? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (where, parameters) = UsageWhere(tenant, sites, from, to);
        parameters.Add("@limit", limit);
        var next = "";
        if (after is not null)
        {
            // Past the last run read, in (ended_at, job_id, fence) order; ended_at >= keeps the index range.
            next = " AND ended_at >= @after_end AND (ended_at > @after_end OR job_id > @after_job OR (job_id = @after_job AND fence > @after_fence))";
            parameters.Add("@after_end", TimeValue(after.EndedAt));
            parameters.Add("@after_job", after.JobId);
            parameters.Add("@after_fence", after.Fence);
        }

        return SelectListAsync($"SELECT {MarketRows.UsageColumns} FROM usage WHERE {where}{next} ORDER BY ended_at, job_id, fence LIMIT @limit", parameters, ReadUsage, cancellationToken);
    }

    /// <inheritdoc cref="IUsageStore.SumUsageInPeriodAsync"/>
    public Task<IReadOnlyList<UsageSum>> SumUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (where, parameters) = UsageWhere(tenant, sites, from, to);
        where += DaysOf("ended_at", from, to, parameters);
        return SelectListAsync(
            $"SELECT {DayOf("ended_at")} AS day, site, pool, count(*), count(*) - count(charge), " +
            "sum(coalesce(card_hours, accelerator_seconds / 3600.0)), sum(coalesce(petaflop_hours, 0.0)), sum(coalesce(kwh, 0.0)), sum(coalesce(kg_co2, 0.0)), " +
            "CAST(coalesce(sum(charge), 0) AS bigint), CAST(coalesce(sum(commission), 0) AS bigint) " +
            $"FROM usage WHERE {where} GROUP BY {DayOf("ended_at")}, site, pool ORDER BY 1, 2, 3",
            parameters,
            static r => new UsageSum(
                Day(r.GetString(0)), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4),
                r.GetDouble(5), r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetInt64(9), r.GetInt64(10)),
            cancellationToken);
    }

    /// <inheritdoc cref="ILedgerStore.ListFirstLinesAsync"/>
    public Task<IReadOnlyList<LedgerLine>> ListFirstLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (range, parameters) = AccountsUnder("l.account", accountPrefix);
        parameters.Add("@from", TimeValue(from));
        parameters.Add("@to", TimeValue(to));
        parameters.Add("@limit", limit);
        return SelectListAsync(
            $"SELECT {MarketRows.LineColumns} FROM postings p CROSS JOIN posting_lines l " +
            $"WHERE l.posting_id = p.id AND {range} AND p.at >= @from AND p.at < @to ORDER BY p.id, l.account, l.currency LIMIT @limit",
            parameters,
            reader => MarketRows.ReadLine(reader, _time),
            cancellationToken);
    }

    /// <inheritdoc cref="ILedgerStore.ListLinesAfterAsync"/>
    public Task<IReadOnlyList<LedgerLine>> ListLinesAfterAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, LedgerLine? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var (range, parameters) = AccountsUnder("l.account", accountPrefix);
        parameters.Add("@from", TimeValue(from));
        parameters.Add("@to", TimeValue(to));
        parameters.Add("@limit", limit);
        var next = "";
        if (after is not null)
        {
            // Past the last line read, in (posting, account, currency) order; p.id >= starts the walk there.
            next = " AND p.id >= @after_posting AND (p.id > @after_posting OR l.account > @after_account OR (l.account = @after_account AND l.currency > @after_currency))";
            parameters.Add("@after_posting", after.PostingId);
            parameters.Add("@after_account", after.Account);
            parameters.Add("@after_currency", after.Currency);
        }

        return SelectListAsync(
            $"SELECT {MarketRows.LineColumns} FROM postings p CROSS JOIN posting_lines l " +
            $"WHERE l.posting_id = p.id AND {range} AND p.at >= @from AND p.at < @to{next} ORDER BY p.id, l.account, l.currency LIMIT @limit",
            parameters,
            reader => MarketRows.ReadLine(reader, _time),
            cancellationToken);
    }

    /// <inheritdoc cref="ILedgerStore.ListLatestLinesAsync"/>
    public async Task<IReadOnlyList<LedgerLine>> ListLatestLinesAsync(string accountPrefix, string currency, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Each account's newest lines walk its (account, posting_id) index backwards and stop at the
        // limit; a prefix holds a handful of accounts, merged here.
        var lines = new List<LedgerLine>();
        foreach (var account in (await ListBalancesAsync(accountPrefix, cancellationToken).ConfigureAwait(false)).Where(b => b.Currency == currency).Select(b => b.Account))
        {
            lines.AddRange(await SelectListAsync(
                $"SELECT {MarketRows.LineColumns} FROM posting_lines l JOIN postings p ON p.id = l.posting_id " +
                "WHERE l.account = @account AND l.currency = @currency AND p.at >= @since ORDER BY l.posting_id DESC LIMIT @limit",
                new() { { "@account", account }, { "@currency", currency }, { "@since", TimeValue(since) }, { "@limit", limit } },
                reader => MarketRows.ReadLine(reader, _time),
                cancellationToken).ConfigureAwait(false));
        }

        return lines.OrderByDescending(l => l.PostingId).ThenBy(l => l.Account, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <inheritdoc cref="ILedgerStore.SumLinesAsync"/>
    public Task<IReadOnlyList<LineSum>> SumLinesAsync(string accountPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Every (account, kind, currency) under the prefix is one range of posting_lines_by_account_time
        // cut to the period: the accounts and currencies come from the accounts table, the kinds are
        // the ones a posting may have, so the sums read the period's index entries in group order.
        var (range, parameters) = AccountsUnder("id", accountPrefix);
        parameters.Add("@from", TimeValue(from));
        parameters.Add("@to", TimeValue(to));
        var kinds = new StringBuilder();
        for (var i = 0; i < PostingKinds.All.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"@k{i}");
            kinds.Append(i == 0 ? "" : ", ").Append(name);
            parameters.Add(name, PostingKinds.All[i]);
        }

        return SelectListAsync(
            "SELECT account, kind, currency, count(*), CAST(sum(amount) AS bigint) FROM posting_lines " +
            $"WHERE account IN (SELECT id FROM accounts WHERE {range}) AND kind IN ({kinds}) AND currency IN (SELECT currency FROM accounts WHERE {range}) " +
            "AND at >= @from AND at < @to GROUP BY account, kind, currency ORDER BY 1, 2, 3",
            parameters,
            static r => new LineSum(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4)),
            cancellationToken);
    }

    /// <inheritdoc cref="ITokenStore.SumTokenUsageAsync"/>
    public Task<IReadOnlyList<TokenSum>> SumTokenUsageAsync(string? tenant, string? owner, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters { { "@from", TimeValue(from) }, { "@to", TimeValue(to) } };
        var where = new StringBuilder("at >= @from AND at < @to");
        if (tenant is not null)
        {
            where.Append(" AND tenant = @tenant");
            parameters.Add("@tenant", tenant);
        }

        if (owner is not null)
        {
            where.Append(" AND owner = @owner");
            parameters.Add("@owner", owner);
        }

        where.Append(DaysOf("at", from, to, parameters));
        return SelectListAsync(
            $"SELECT {DayOf("at")} AS day, model, site, currency, count(*), CAST(sum(prompt_tokens) AS bigint), CAST(sum(cached_tokens) AS bigint), " +
            $"CAST(sum(completion_tokens) AS bigint), CAST(sum(cost_nanos) AS bigint) FROM token_usage WHERE {where} GROUP BY {DayOf("at")}, model, site, currency ORDER BY 1, 2, 3, 4",
            parameters,
            static r => new TokenSum(Day(r.GetString(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8)),
            cancellationToken);
    }

    // The days of [from, to) as a range on the day of the column: redundant with the times, it lets
    // SQLite seek its index on (tenant, day, ...) and group in the index's order without sorting.
    private string DaysOf(string column, DateTimeOffset from, DateTimeOffset to, SqlParameters parameters)
    {
        var last = to > from ? to.UtcDateTime.AddTicks(-1) : from.UtcDateTime;
        parameters.Add("@first_day", from.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        parameters.Add("@last_day", last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return $" AND {DayOf(column)} >= @first_day AND {DayOf(column)} <= @last_day";
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Runs that ended in [from, to), of one tenant and on some sites when given: only the filters given go into the SQL.
    private (string Where, SqlParameters Parameters) UsageWhere(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to)
    {
        var sql = new StringBuilder("ended_at >= @from AND ended_at < @to");
        var parameters = new SqlParameters { { "@from", TimeValue(from) }, { "@to", TimeValue(to) } };
        if (tenant is not null)
        {
            sql.Append(" AND tenant = @tenant");
            parameters.Add("@tenant", tenant);
        }

        if (sites is not null)
        {
            // One parameter per site: an IN list both dialects read alike; no sites, no rows.
            sql.Append(sites.Count == 0 ? " AND false" : " AND site IN (");
            var i = 0;
            foreach (var site in sites)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@s{i}");
                sql.Append(i++ == 0 ? "" : ", ").Append(name);
                parameters.Add(name, site);
            }

            sql.Append(sites.Count == 0 ? "" : ")");
        }

        return (sql.ToString(), parameters);
    }
}
