using System.Globalization;
using System.Text;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<UsageRecord>> ListUsageAsync(long jobId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<UsageRecord>>(session =>
        {
            var select = session.Command($"SELECT {MarketRows.UsageColumns} FROM usage WHERE job_id = @job ORDER BY fence");
            select.Bind("@job", jobId);
            return ReadUsage(select);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var siteList = sites?.ToArray();
        var sql = new StringBuilder($"SELECT {MarketRows.UsageColumns} FROM usage WHERE ended_at >= @from AND ended_at < @to");
        if (tenant is not null)
        {
            sql.Append(" AND tenant = @tenant");
        }

        if (siteList is not null)
        {
            sql.Append(" AND site IN (");
            for (var i = 0; i < siteList.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"@s{i}");
            }

            sql.Append(')');
        }

        sql.Append(" ORDER BY ended_at, job_id, fence");
        var text = sql.ToString();
        var fromTime = SqliteValues.Time(from);
        var toTime = SqliteValues.Time(to);
        return ReadAsync<IReadOnlyList<UsageRecord>>(session =>
        {
            var select = session.Command(text);
            select.Bind("@from", fromTime);
            select.Bind("@to", toTime);
            if (tenant is not null)
            {
                select.Bind("@tenant", tenant);
            }

            for (var i = 0; i < (siteList?.Length ?? 0); i++)
            {
                select.Bind(string.Create(CultureInfo.InvariantCulture, $"@s{i}"), siteList![i]);
            }

            return ReadUsage(select);
        }, cancellationToken);
    }

    private static List<UsageRecord> ReadUsage(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var rows = new List<UsageRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(MarketRows.ReadUsage(reader, static (r, i) => SqliteValues.ParseTime(r.GetString(i))));
        }

        return rows;
    }
}
