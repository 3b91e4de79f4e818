namespace Suanwang.Storage.Policy;

/// <summary>The data-law engine's state: datasets, filings, export counters and recorded decisions.</summary>
public interface IPolicyStore
{
    /// <summary>Registers a dataset; false when the id is taken or the owner is not a tenant.</summary>
    Task<bool> AddDatasetAsync(DatasetRecord dataset, CancellationToken cancellationToken);

    /// <summary>The dataset, or null.</summary>
    Task<DatasetRecord?> GetDatasetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Datasets in id order, of one owner or of all when <paramref name="owner"/> is null.</summary>
    Task<IReadOnlyList<DatasetRecord>> ListDatasetsAsync(string? owner, CancellationToken cancellationToken);

    /// <summary>Records a filing; null when the tenant does not exist.</summary>
    Task<FilingRecord?> AddFilingAsync(FilingRecord filing, CancellationToken cancellationToken);

    /// <summary>The tenant's filings in the order they were recorded.</summary>
    Task<IReadOnlyList<FilingRecord>> ListFilingsAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>The exporter's counter for <paramref name="year"/>; zeros when nothing was exported yet.</summary>
    Task<ExportCounter> GetExportCounterAsync(string tenant, int year, CancellationToken cancellationToken);

    /// <summary>
    /// Records a decision. When it counts, it is stored only if the counter still holds
    /// <paramref name="expected"/> (what the decision was made on) and adds to it in the same
    /// statement; false when the counter moved meanwhile, and then nothing is written.
    /// </summary>
    Task<bool> AddDecisionAsync(DecisionRecord decision, ExportCounter? expected, CancellationToken cancellationToken);

    /// <summary>The datasets a job's placements exported so far, each with its recipient country, in dataset and country order.</summary>
    Task<IReadOnlyList<JobExport>> ListJobExportsAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Decisions after id <paramref name="after"/>, oldest first, of one tenant or all.</summary>
    Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(string? tenant, long after, int limit, CancellationToken cancellationToken);
}
