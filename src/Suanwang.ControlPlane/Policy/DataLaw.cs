using Suanwang.ControlPlane.Admission;
using Suanwang.Core.Jobs;
using Suanwang.Core.Law;
using Suanwang.Core.Sites;
using Suanwang.Storage.Policy;

namespace Suanwang.ControlPlane.Policy;

/// <summary>
/// The one entry to the data-law engine: job placement (the allowed countries compiled at
/// admission), dataset transfers, token requests and what-if questions all decide here, from the
/// registered datasets, the tenant's filings and its export counter. Every decision but a what-if
/// goes to the <see cref="IDecisionRecorder"/>.
/// </summary>
public sealed partial class DataLaw(LawEngine engine, IPolicyStore store, IDecisionRecorder recorder, TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>The loaded rules.</summary>
    public LawEngine Engine => engine;

    /// <summary>
    /// Where the datasets may be processed for <paramref name="tenant"/>'s job, among
    /// <paramref name="candidates"/> (country codes): one decision per dataset and country,
    /// recorded when <paramref name="record"/>. Nothing is counted: a job counts when it is placed.
    /// </summary>
    public Task<Outcome<LawAnswer>> PlacementAsync(
        string tenant, IReadOnlyList<string> datasetIds, IReadOnlyList<string> candidates, ExportOptions options, bool record, CancellationToken cancellationToken) =>
        PlacementAsync(tenant, datasetIds, [], candidates, options, record, cancellationToken);

    /// <summary>
    /// As <see cref="PlacementAsync(string, IReadOnlyList{string}, IReadOnlyList{string}, ExportOptions, bool, CancellationToken)"/>,
    /// with the classes the job's <paramref name="inputs"/> declare (see <see cref="WithDeclared"/>).
    /// </summary>
    public async Task<Outcome<LawAnswer>> PlacementAsync(
        string tenant, IReadOnlyList<string> datasetIds, IReadOnlyList<DataInput> inputs, IReadOnlyList<string> candidates, ExportOptions options, bool record, CancellationToken cancellationToken)
    {
        var datasets = await DatasetsAsync(tenant, datasetIds, "datasets", cancellationToken).ConfigureAwait(false);
        if (datasets.Refused)
        {
            return datasets.Refusal;
        }

        var covered = WithDeclared(tenant, datasets.Value!, inputs);
        var answer = await DecideAllAsync(DecisionKind.Placement, tenant, covered, candidates, options, cancellationToken).ConfigureAwait(false);
        if (record)
        {
            foreach (var decision in answer.Decisions)
            {
                await recorder.RecordAsync(decision, cancellationToken).ConfigureAwait(false);
            }
        }

        return answer;
    }

    /// <summary>
    /// For the token gateway: the jurisdictions among <paramref name="candidates"/> a token request
    /// reading <paramref name="datasetIds"/> may be served in (recorded, kind token). No datasets: every candidate.
    /// </summary>
    public async Task<Outcome<LawAnswer>> TokenJurisdictionsAsync(
        string tenant, IReadOnlyList<string> datasetIds, IReadOnlyList<string> candidates, ExportOptions options, CancellationToken cancellationToken)
    {
        var datasets = await DatasetsAsync(tenant, datasetIds, "datasets", cancellationToken).ConfigureAwait(false);
        if (datasets.Refused)
        {
            return datasets.Refusal;
        }

        var answer = await DecideAllAsync(DecisionKind.Token, tenant, datasets.Value!, candidates, options, cancellationToken).ConfigureAwait(false);
        foreach (var decision in answer.Decisions)
        {
            await recorder.RecordAsync(decision, cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

    /// <summary>A what-if: the decisions for the datasets in each destination, with no side effect.</summary>
    public async Task<Outcome<LawAnswer>> EvaluateAsync(
        string tenant, IReadOnlyList<string> datasetIds, IReadOnlyList<string> destinations, ExportOptions options, CancellationToken cancellationToken)
    {
        var datasets = await DatasetsAsync(tenant, datasetIds, "datasets", cancellationToken).ConfigureAwait(false);
        return datasets.Refused
            ? datasets.Refusal
            : await DecideAllAsync(DecisionKind.WhatIf, tenant, datasets.Value!, destinations, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Staging dataset <paramref name="datasetId"/> to <paramref name="destination"/> for
    /// <paramref name="tenant"/>: a what-if unless <paramref name="record"/>; a recorded transfer that
    /// is allowed adds its individuals to the tenant's counter in the same transaction.
    /// </summary>
    public async Task<Outcome<PolicyDecision>> TransferAsync(
        string tenant, string datasetId, string destination, ExportOptions options, bool record, CancellationToken cancellationToken)
    {
        var datasets = await DatasetsAsync(tenant, [datasetId], "id", cancellationToken).ConfigureAwait(false);
        if (datasets.Refused)
        {
            return datasets.Refusal;
        }

        for (var attempt = 1; ; attempt++)
        {
            var answer = await DecideAllAsync(record ? DecisionKind.Transfer : DecisionKind.WhatIf, tenant, datasets.Value!, [destination], options, cancellationToken).ConfigureAwait(false);
            var decision = answer.Decisions[0] with { Counted = record && answer.Decisions[0].Allowed };
            if (!record)
            {
                return decision;
            }

            try
            {
                await recorder.RecordAsync(decision, cancellationToken).ConfigureAwait(false);
                return decision;
            }
            catch (CounterMovedException) when (attempt < Attempts)
            {
                // Another export of the tenant's counted first: decide again on the new counter.
            }
        }
    }

    private async Task<LawAnswer> DecideAllAsync(
        DecisionKind kind, string tenant, IReadOnlyList<Dataset> datasets, IReadOnlyList<string> destinations, ExportOptions options, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var filings = await store.ListFilingsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var counter = await store.GetExportCounterAsync(tenant, now.UtcDateTime.Year, cancellationToken).ConfigureAwait(false);
        return Decide(kind, tenant, datasets, destinations, options, filings, counter, now);
    }

    private LawAnswer Decide(
        DecisionKind kind,
        string tenant,
        IReadOnlyList<Dataset> datasets,
        IReadOnlyList<string> destinations,
        ExportOptions options,
        IReadOnlyList<FilingRecord> filings,
        ExportCounter counter,
        DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var totalIndividuals = datasets.Sum(d => d.Individuals - d.Sensitive);
        var totalSensitive = datasets.Sum(d => d.Sensitive);
        var decisions = new List<PolicyDecision>(datasets.Count * destinations.Count);
        var allowed = new List<string>();
        foreach (var destination in destinations)
        {
            var all = true;
            foreach (var dataset in datasets)
            {
                var facts = Facts(kind, tenant, dataset, destination, options, filings, counter, totalIndividuals, totalSensitive, today);
                var verdict = engine.Decide(facts);
                all &= verdict.Allowed;
                decisions.Add(PolicyDecision.Of(facts, verdict, engine.Version, now));
            }

            if (all)
            {
                allowed.Add(destination);
            }
        }

        return new LawAnswer(allowed, decisions);
    }

    private async Task<Outcome<IReadOnlyList<Dataset>>> DatasetsAsync(string tenant, IReadOnlyList<string> ids, string field, CancellationToken cancellationToken)
    {
        var result = new List<Dataset>(ids.Count);
        foreach (var id in ids)
        {
            var record = await store.GetDatasetAsync(id, cancellationToken).ConfigureAwait(false);
            var dataset = record is null ? null : DatasetReader.Read(record.Document, record.Owner);

            // A dataset the tenant may not use is not shown to exist.
            if (dataset is null || (dataset.Owner != tenant && !dataset.Tenants.Contains(tenant)))
            {
                return new Refusal(RefusalKind.NotFound, $"no dataset '{id}' that tenant '{tenant}' may use; register it with POST /api/v1/datasets", field);
            }

            result.Add(dataset);
        }

        return result;
    }
}
