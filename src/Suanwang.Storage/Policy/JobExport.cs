namespace Suanwang.Storage.Policy;

/// <summary>A dataset a job's placement already exported to a country, and counted.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Dataset">The dataset's id.</param>
/// <param name="Country">The recipient country.</param>
public sealed record JobExport(long JobId, string Dataset, string Country);
