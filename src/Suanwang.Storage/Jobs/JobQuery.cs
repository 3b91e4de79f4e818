using Suanwang.Core.Jobs;

namespace Suanwang.Storage.Jobs;

/// <summary>A filtered, paged job listing: ids descending (newest first), continuing below <paramref name="BeforeId"/>.</summary>
/// <param name="Tenant">Only this tenant's jobs; null for all (admin).</param>
/// <param name="State">Only jobs in this state; null for any.</param>
/// <param name="Site">Only jobs placed on this site; null for any.</param>
/// <param name="BeforeId">Cursor: only ids below this; null for the newest.</param>
/// <param name="Limit">Page size, 1..1000.</param>
public sealed record JobQuery(string? Tenant = null, JobState? State = null, string? Site = null, long? BeforeId = null, int Limit = 100);
