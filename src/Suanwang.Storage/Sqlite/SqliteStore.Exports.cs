using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    // True when the placement counts nothing, or its exporter's counter still holds what the decisions were made on.
    private static bool CounterHolds(SqliteSession session, Placement placement)
    {
        if (placement.CounterBefore is not { } expected || placement.Exports.Count == 0)
        {
            return true;
        }

        var decision = placement.Exports[0].Decision;
        var select = session.Command("SELECT individuals, sensitive FROM export_counters WHERE tenant = @tenant AND year = @year");
        select.Bind("@tenant", decision.Tenant);
        select.Bind("@year", decision.Year);
        using var reader = select.ExecuteReader();
        var (individuals, sensitive) = reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0L, 0L);
        return individuals == expected.Individuals && sensitive == expected.Sensitive;
    }

    // Each export not yet recorded for the job and country: its row, then its decision, whose
    // triggers add to the counter and append the decision to the audit log.
    private static void InsertExports(SqliteSession session, Placement placement)
    {
        foreach (var export in placement.Exports)
        {
            var claim = session.Command("INSERT INTO placement_exports (job_id, dataset, country) VALUES (@job, @dataset, @country) ON CONFLICT DO NOTHING");
            claim.Bind("@job", placement.JobId);
            claim.Bind("@dataset", export.Dataset);
            claim.Bind("@country", export.Country);
            if (claim.ExecuteNonQuery() == 0)
            {
                continue;
            }

            var d = export.Decision;
            var insert = session.Command(
                "INSERT INTO policy_decisions (at, tenant, kind, outcome, year, counted_individuals, counted_sensitive, body) " +
                "VALUES (@at, @tenant, @kind, @outcome, @year, @ci, @cs, @body)");
            insert.Bind("@at", SqliteValues.Time(d.At));
            insert.Bind("@tenant", d.Tenant);
            insert.Bind("@kind", d.Kind);
            insert.Bind("@outcome", d.Outcome);
            insert.Bind("@year", d.Year);
            insert.Bind("@ci", d.CountedIndividuals);
            insert.Bind("@cs", d.CountedSensitive);
            insert.Bind("@body", d.Body);
            insert.ExecuteNonQuery();
        }
    }
}
