using System.Data.Common;
using System.Globalization;
using Suanwang.Storage.Policy;

namespace Suanwang.Storage.Sql;

public abstract partial class SqlStore
{
    private const string DecisionColumns = "id, at, tenant, kind, outcome, year, counted_individuals, counted_sensitive, body";

    /// <inheritdoc cref="IPolicyStore.AddDatasetAsync"/>
    public Task<bool> AddDatasetAsync(DatasetRecord dataset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return ChangedAnyAsync(
            "INSERT INTO datasets (id, owner, document, created_at) SELECT @id, id, @document, @at FROM tenants WHERE id = @owner " +
            "ON CONFLICT (id) DO NOTHING RETURNING id",
            new() { { "@id", dataset.Id }, { "@owner", dataset.Owner }, { "@document", dataset.Document }, { "@at", TimeValue(dataset.CreatedAt) } },
            cancellationToken);
    }

    /// <inheritdoc cref="IPolicyStore.GetDatasetAsync"/>
    public Task<DatasetRecord?> GetDatasetAsync(string id, CancellationToken cancellationToken) => SelectOneAsync(
        "SELECT id, owner, document, created_at FROM datasets WHERE id = @id", new() { { "@id", id } }, ReadDataset, cancellationToken);

    /// <inheritdoc cref="IPolicyStore.ListDatasetsAsync"/>
    public Task<IReadOnlyList<DatasetRecord>> ListDatasetsAsync(string? owner, CancellationToken cancellationToken) => SelectListAsync(
        owner is null
            ? "SELECT id, owner, document, created_at FROM datasets ORDER BY id"
            : "SELECT id, owner, document, created_at FROM datasets WHERE owner = @owner ORDER BY id",
        owner is null ? new() : new() { { "@owner", owner } },
        ReadDataset,
        cancellationToken);

    /// <inheritdoc cref="IPolicyStore.AddFilingAsync"/>
    public async Task<FilingRecord?> AddFilingAsync(FilingRecord filing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filing);
        var rows = await ChangeAsync(
            "INSERT INTO policy_filings (tenant, kind, reference, filed_on, expires_on, recorded_at, countries) " +
            "SELECT id, @kind, @reference, @filed, CAST(@expires AS TEXT), @at, CAST(@countries AS TEXT) FROM tenants WHERE id = @tenant RETURNING id",
            new()
            {
                { "@tenant", filing.Tenant },
                { "@kind", filing.Kind },
                { "@reference", filing.Reference },
                { "@filed", Day(filing.FiledOn) },
                { "@expires", filing.ExpiresOn is { } e ? Day(e) : null },
                { "@at", TimeValue(filing.RecordedAt) },
                { "@countries", filing.Countries is null ? null : string.Join(',', filing.Countries) },
            },
            static reader => reader.GetInt64(0),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : filing with { Id = rows[0] };
    }

    /// <inheritdoc cref="IPolicyStore.ListFilingsAsync"/>
    public Task<IReadOnlyList<FilingRecord>> ListFilingsAsync(string tenant, CancellationToken cancellationToken) => SelectListAsync(
        "SELECT id, tenant, kind, reference, filed_on, expires_on, recorded_at, countries FROM policy_filings WHERE tenant = @tenant ORDER BY id",
        new() { { "@tenant", tenant } },
        reader => new FilingRecord(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            ParseDay(reader.GetString(4)),
            reader.IsDBNull(5) ? null : ParseDay(reader.GetString(5)),
            TimeAt(reader, 6))
        {
            Countries = reader.IsDBNull(7) ? null : reader.GetString(7).Split(','),
        },
        cancellationToken);

    /// <inheritdoc cref="IPolicyStore.GetExportCounterAsync"/>
    public async Task<ExportCounter> GetExportCounterAsync(string tenant, int year, CancellationToken cancellationToken)
    {
        var rows = await SelectAsync(
            "SELECT individuals, sensitive FROM export_counters WHERE tenant = @tenant AND year = @year",
            new() { { "@tenant", tenant }, { "@year", year } },
            static reader => new ExportCounter(reader.GetInt64(0), reader.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? new ExportCounter(0, 0) : rows[0];
    }

    /// <inheritdoc cref="IPolicyStore.AddDecisionAsync"/>
    public Task<bool> AddDecisionAsync(DecisionRecord decision, ExportCounter? expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        // The compare on the counter and the insert (whose trigger adds to the counter) are one statement.
        var guard = expected is null ? "" :
            " WHERE COALESCE((SELECT individuals FROM export_counters WHERE tenant = @tenant AND year = @year), 0) = @ei" +
            " AND COALESCE((SELECT sensitive FROM export_counters WHERE tenant = @tenant AND year = @year), 0) = @es";
        return ChangedAnyAsync(
            "INSERT INTO policy_decisions (at, tenant, kind, outcome, year, counted_individuals, counted_sensitive, body) " +
            $"SELECT @at, @tenant, @kind, @outcome, @year, @ci, @cs, @body{guard} RETURNING id",
            new()
            {
                { "@at", TimeValue(decision.At) },
                { "@tenant", decision.Tenant },
                { "@kind", decision.Kind },
                { "@outcome", decision.Outcome },
                { "@year", decision.Year },
                { "@ci", decision.CountedIndividuals },
                { "@cs", decision.CountedSensitive },
                { "@body", decision.Body },
                { "@ei", expected?.Individuals ?? 0 },
                { "@es", expected?.Sensitive ?? 0 },
            },
            cancellationToken);
    }

    /// <inheritdoc cref="IPolicyStore.ListJobExportsAsync"/>
    public Task<IReadOnlyList<JobExport>> ListJobExportsAsync(long jobId, CancellationToken cancellationToken) => SelectListAsync(
        "SELECT job_id, dataset, country FROM placement_exports WHERE job_id = @job ORDER BY dataset, country",
        new() { { "@job", jobId } },
        static reader => new JobExport(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)),
        cancellationToken);

    /// <inheritdoc cref="IPolicyStore.ListDecisionsAsync"/>
    public Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(string? tenant, long after, int limit, CancellationToken cancellationToken) => SelectListAsync(
        tenant is null
            ? $"SELECT {DecisionColumns} FROM policy_decisions WHERE id > @after ORDER BY id LIMIT @limit"
            : $"SELECT {DecisionColumns} FROM policy_decisions WHERE tenant = @tenant AND id > @after ORDER BY id LIMIT @limit",
        tenant is null ? new() { { "@after", after }, { "@limit", limit } } : new() { { "@tenant", tenant }, { "@after", after }, { "@limit", limit } },
        reader => new DecisionRecord(
            reader.GetInt64(0),
            TimeAt(reader, 1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetInt32(5),
            reader.GetInt64(6),
            reader.GetInt64(7),
            reader.GetString(8)),
        cancellationToken);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DatasetRecord ReadDataset(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), TimeAt(reader, 3));
}
