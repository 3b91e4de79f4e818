using Npgsql;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<UsageRecord>> ListUsageAsync(long jobId, CancellationToken cancellationToken) => ReadAsync(
        $"SELECT {MarketRows.UsageColumns} FROM usage WHERE job_id = @job ORDER BY fence",
        p => p.AddLong("job", jobId),
        ReadUsageAsync,
        cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {MarketRows.UsageColumns} FROM usage WHERE ended_at >= @from AND ended_at < @to" +
            (tenant is null ? "" : " AND tenant = @tenant") +
            (sites is null ? "" : " AND site = ANY (@sites)") +
            " ORDER BY ended_at, job_id, fence";
        return ReadAsync(
            sql,
            p =>
            {
                p.AddTime("from", from);
                p.AddTime("to", to);
                if (tenant is not null)
                {
                    p.AddText("tenant", tenant);
                }

                if (sites is not null)
                {
                    p.AddTextArray("sites", [.. sites]);
                }
            },
            ReadUsageAsync,
            cancellationToken);
    }

    private static async Task<IReadOnlyList<UsageRecord>> ReadUsageAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<UsageRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(MarketRows.ReadUsage(reader, static (r, i) => r.GetFieldValue<DateTimeOffset>(i)));
        }

        return rows;
    }
}
