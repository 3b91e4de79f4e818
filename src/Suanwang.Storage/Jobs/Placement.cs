namespace Suanwang.Storage.Jobs;

/// <summary>Where the scheduler put a job: recorded durably before the agent may see it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Nodes">Pool-relative node indices, comma-separated.</param>
/// <param name="CardsPerNode">Cards on each node.</param>
public sealed record Placement(long JobId, string Site, int Pool, string Nodes, int CardsPerNode);
