namespace Suanwang.Storage.Jobs;

/// <summary>Where the scheduler put a job: recorded durably before the agent may see it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Site">Site id.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Nodes">Pool-relative node indices, comma-separated.</param>
/// <param name="CardsPerNode">Cards on each node.</param>
/// <param name="Price">Price of one card for one hour on the pool, in <paramref name="Currency"/>: the spot price when <paramref name="Spot"/>. Usage is metered at it.</param>
/// <param name="Currency">ISO 4217 currency of <paramref name="Price"/>.</param>
/// <param name="Spot">Whether the job runs as spot work.</param>
public sealed record Placement(long JobId, string Site, int Pool, string Nodes, int CardsPerNode, decimal Price, string Currency, bool Spot);
