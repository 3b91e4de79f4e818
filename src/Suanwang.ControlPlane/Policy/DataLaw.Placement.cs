using Suanwang.Core.Law;
using Suanwang.Storage.Policy;

namespace Suanwang.ControlPlane.Policy;

/// <summary>The export a placement makes: decided when the scheduler commits it, counted by the store with it.</summary>
public sealed partial class DataLaw
{
    /// <summary>
    /// For the placement of job <paramref name="jobId"/> at a site in <paramref name="country"/>:
    /// decides, on the tenant's counter as it is now, the job's datasets held under another
    /// country's law that this job has not yet exported to <paramref name="country"/>. Allowed, they
    /// are the placement's counted exports (the store records and counts them with the placement,
    /// only while the counter still holds <see cref="PlacementLaw.CounterBefore"/>); denied, the
    /// decisions are recorded and nothing is counted.
    /// </summary>
    public async Task<PlacementLaw> PlacementExportsAsync(long jobId, string tenant, IReadOnlyList<string> datasetIds, string country, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(datasetIds);
        var read = await DatasetsAsync(tenant, datasetIds, "datasets", cancellationToken).ConfigureAwait(false);
        if (read.Refused)
        {
            return new PlacementLaw([], null, read.Refusal!.Detail);
        }

        var done = await store.ListJobExportsAsync(jobId, cancellationToken).ConfigureAwait(false);
        var leaving = read.Value!
            .Where(d => d.Jurisdiction != country && !done.Any(e => e.Dataset == d.Id && e.Country == country))
            .ToList();
        if (leaving.Count == 0)
        {
            return PlacementLaw.Nothing;
        }

        var now = time.GetUtcNow();
        var filings = await store.ListFilingsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var counter = await store.GetExportCounterAsync(tenant, now.UtcDateTime.Year, cancellationToken).ConfigureAwait(false);
        var answer = Decide(DecisionKind.Placement, tenant, leaving, [country], ExportOptions.Default, filings, counter, now);
        if (answer.Allowed.Count == 1)
        {
            var exports = answer.Decisions
                .Select(d => new PlacementExport(d.Datasets[0], country, StoreDecisionRecorder.ToRecord(d with { Counted = true })))
                .ToList();
            return new PlacementLaw(exports, counter, null);
        }

        foreach (var decision in answer.Decisions)
        {
            await recorder.RecordAsync(decision, cancellationToken).ConfigureAwait(false);
        }

        return new PlacementLaw([], null, answer.WhyNot(country));
    }
}
