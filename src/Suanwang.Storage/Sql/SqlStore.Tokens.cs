using System.Data.Common;
using Suanwang.Storage.Tokens;

namespace Suanwang.Storage.Sql;

public abstract partial class SqlStore
{
    private protected const string TokenUsageColumns =
        "at, tenant, key_id, model, site, owner, prompt_tokens, cached_tokens, completion_tokens, ttft_ms, duration_ms, outcome, currency, cost_nanos";

    /// <inheritdoc cref="ITokenStore.SetSiteModelsAsync"/>
    public Task<bool> SetSiteModelsAsync(string site, string country, string owner, string models, DateTimeOffset at, CancellationToken cancellationToken) =>
        // Selecting from sites makes an unknown site insert nothing rather than break the foreign key.
        ChangedAnyAsync(
            "INSERT INTO site_models (site, country, owner, models, updated_at) SELECT id, @country, @owner, @models, @at FROM sites WHERE id = @site " +
            "ON CONFLICT (site) DO UPDATE SET country = excluded.country, owner = excluded.owner, models = excluded.models, updated_at = excluded.updated_at RETURNING site",
            new() { { "@site", site }, { "@country", country }, { "@owner", owner }, { "@models", models }, { "@at", TimeValue(at) } },
            cancellationToken);

    /// <inheritdoc cref="ITokenStore.ListSiteModelsAsync"/>
    public Task<IReadOnlyList<SiteModelsRecord>> ListSiteModelsAsync(CancellationToken cancellationToken) => SelectListAsync(
        "SELECT m.site, m.country, m.owner, m.models, m.updated_at, s.up FROM site_models m JOIN sites s ON s.id = m.site ORDER BY m.site",
        new(),
        reader => new SiteModelsRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), TimeAt(reader, 4), reader.GetBoolean(5)),
        cancellationToken);

    /// <inheritdoc cref="ITokenStore.RecordTokenUsageAsync"/>
    public async Task<bool> RecordTokenUsageAsync(TokenUsageRecord usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return await RecordTokenUsagesAsync([usage], cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc cref="ITokenStore.RecordTokenUsagesAsync"/>
    public Task<int> RecordTokenUsagesAsync(IReadOnlyList<TokenUsageRecord> usages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usages);
        return usages.Count == 0 ? Task.FromResult(0) : InsertUsagesAsync(usages, cancellationToken);
    }

    // The dialect's insert of a batch of usage records, in one write; ON CONFLICT (record_id) DO NOTHING.
    private protected abstract Task<int> InsertUsagesAsync(IReadOnlyList<TokenUsageRecord> usages, CancellationToken cancellationToken);

    /// <inheritdoc cref="ITokenStore.CountKeyRequestAsync"/>
    public async Task<long> CountKeyRequestAsync(string keyId, long minute, CancellationToken cancellationToken)
    {
        var rows = await ChangeAsync(
            "INSERT INTO key_minutes (key_id, minute, requests) VALUES (@key, @minute, 1) " +
            "ON CONFLICT (key_id, minute) DO UPDATE SET requests = key_minutes.requests + 1 RETURNING requests",
            new() { { "@key", keyId }, { "@minute", minute } },
            static reader => reader.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <inheritdoc cref="ITokenStore.SumKeyTokensAsync"/>
    public Task<long> SumKeyTokensAsync(string keyId, DateTimeOffset since, CancellationToken cancellationToken) => SumAsync(
        "SELECT coalesce(sum(prompt_tokens + completion_tokens), 0) FROM token_usage WHERE key_id = @key AND at >= @since",
        new() { { "@key", keyId }, { "@since", TimeValue(since) } },
        cancellationToken);

    /// <inheritdoc cref="ITokenStore.SumKeyCostAsync"/>
    public Task<long> SumKeyCostAsync(string keyId, DateTimeOffset since, CancellationToken cancellationToken) => SumAsync(
        "SELECT coalesce(sum(cost_nanos), 0) FROM token_usage WHERE key_id = @key AND at >= @since",
        new() { { "@key", keyId }, { "@since", TimeValue(since) } },
        cancellationToken);

    /// <inheritdoc cref="ITokenStore.GetTokenDueAsync"/>
    public Task<long> GetTokenDueAsync(string tenant, CancellationToken cancellationToken) => SumAsync(
        "SELECT coalesce((SELECT sum(cost_nanos) FROM token_usage WHERE tenant = @tenant AND NOT billed), 0) + " +
        "coalesce((SELECT sum(nanos) FROM token_carry WHERE tenant = @tenant), 0)",
        new() { { "@tenant", tenant } },
        cancellationToken);

    /// <inheritdoc cref="ITokenStore.ListTokenCarriesAsync"/>
    public Task<IReadOnlyList<TokenCarry>> ListTokenCarriesAsync(string? tenant, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var where = "";
        if (tenant is not null)
        {
            where = " WHERE tenant = @tenant";
            parameters.Add("@tenant", tenant);
        }

        return SelectListAsync(
            $"SELECT tenant, model, owner, currency, nanos FROM token_carry{where} ORDER BY tenant, model, owner, currency",
            parameters,
            static reader => new TokenCarry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)),
            cancellationToken);
    }

    /// <inheritdoc cref="ITokenStore.ListTokenUsageAsync"/>
    public Task<IReadOnlyList<TokenUsageRecord>> ListTokenUsageAsync(string? tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters { { "@from", TimeValue(from) }, { "@to", TimeValue(to) } };
        var where = "at >= @from AND at < @to";
        if (tenant is not null)
        {
            where += " AND tenant = @tenant";
            parameters.Add("@tenant", tenant);
        }

        return SelectListAsync($"SELECT {TokenUsageColumns}, record_id FROM token_usage WHERE {where} ORDER BY at, id", parameters, ReadTokenUsage, cancellationToken);
    }

    private TokenUsageRecord ReadTokenUsage(DbDataReader reader) => new(
        TimeAt(reader, 0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetDouble(9), reader.GetDouble(10), reader.GetString(11),
        reader.GetString(12), reader.GetInt64(13))
    {
        RecordId = reader.IsDBNull(14) ? null : reader.GetString(14),
    };

    private async Task<long> SumAsync(string sql, SqlParameters parameters, CancellationToken cancellationToken)
    {
        var rows = await SelectAsync(sql, parameters, static reader => Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return rows[0];
    }
}
