using System.Globalization;
using Npgsql;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    // The placement is recorded only while the exporter's counter holds what its decisions were made on.
    private const string ExportGuard =
        "WITH guard AS (SELECT 1 WHERE NOT @x_check OR (" +
        "COALESCE((SELECT individuals FROM export_counters WHERE tenant = @x_tenant AND year = @x_year), 0) = @x_individuals AND " +
        "COALESCE((SELECT sensitive FROM export_counters WHERE tenant = @x_tenant AND year = @x_year), 0) = @x_sensitive)), ";

    // Each export not yet recorded for the job and country claims its row, then its decision is
    // inserted, whose triggers add to the counter and append it to the audit log: all one statement.
    private const string ExportsFromJob =
        ", claimed AS (INSERT INTO placement_exports (job_id, dataset, country) SELECT job.id, x.dataset, x.country FROM job " +
        "CROSS JOIN unnest(@x_datasets, @x_countries) AS x(dataset, country) ON CONFLICT DO NOTHING RETURNING dataset, country) " +
        ", decided AS (INSERT INTO policy_decisions (at, tenant, kind, outcome, year, counted_individuals, counted_sensitive, body) " +
        "SELECT d.at::timestamptz, d.tenant, d.kind, d.outcome, d.year, d.ci, d.cs, d.body FROM claimed " +
        "JOIN unnest(@x_datasets, @x_countries, @x_ats, @x_tenants, @x_kinds, @x_outcomes, @x_years, @x_cis, @x_css, @x_bodies) " +
        "AS d(dataset, country, at, tenant, kind, outcome, year, ci, cs, body) ON d.dataset = claimed.dataset AND d.country = claimed.country) ";

    private static void BindExports(NpgsqlParameterCollection p, Placement placement)
    {
        var exports = placement.Exports;
        if (exports.Count == 0)
        {
            return;
        }

        var first = exports[0].Decision;
        p.AddBool("x_check", placement.CounterBefore is not null);
        p.AddText("x_tenant", first.Tenant);
        p.AddInt("x_year", first.Year);
        p.AddLong("x_individuals", placement.CounterBefore?.Individuals ?? 0);
        p.AddLong("x_sensitive", placement.CounterBefore?.Sensitive ?? 0);
        p.AddTextArray("x_datasets", exports.Select(e => e.Dataset).ToArray());
        p.AddTextArray("x_countries", exports.Select(e => e.Country).ToArray());
        p.AddTextArray("x_ats", exports.Select(e => e.Decision.At.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)).ToArray());
        p.AddTextArray("x_tenants", exports.Select(e => e.Decision.Tenant).ToArray());
        p.AddTextArray("x_kinds", exports.Select(e => e.Decision.Kind).ToArray());
        p.AddTextArray("x_outcomes", exports.Select(e => e.Decision.Outcome).ToArray());
        p.AddIntArray("x_years", exports.Select(e => e.Decision.Year).ToArray());
        p.AddLongArray("x_cis", exports.Select(e => e.Decision.CountedIndividuals).ToArray());
        p.AddLongArray("x_css", exports.Select(e => e.Decision.CountedSensitive).ToArray());
        p.AddTextArray("x_bodies", exports.Select(e => e.Decision.Body).ToArray());
    }
}
