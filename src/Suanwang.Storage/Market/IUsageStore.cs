namespace Suanwang.Storage.Market;

/// <summary>Metered runs of jobs (recorded as jobs finish or are requeued), read by settlement and statements.</summary>
public interface IUsageStore
{
    /// <summary>The job's metered runs, by fence.</summary>
    Task<IReadOnlyList<UsageRecord>> ListUsageAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Records what the run of a job cancelled before its run was reported started used until its
    /// site stopped it, as the site reported it: on the usage row of the job's current fence, only
    /// while that row is unsettled and shows no start, with <paramref name="startedAt"/> as its
    /// start, adding the card-seconds to the job. False, writing nothing, when there is no such row.
    /// </summary>
    Task<bool> MeterStoppedRunAsync(long jobId, long fence, double acceleratorSeconds, DateTimeOffset startedAt, CancellationToken cancellationToken);

    /// <summary>Runs that ended in [<paramref name="from"/>, <paramref name="to"/>), optionally of one tenant and on some sites, in order of end.</summary>
    Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="limit"/> runs of <see cref="ListUsageInPeriodAsync"/>, in the same order.</summary>
    async Task<IReadOnlyList<UsageRecord>> ListFirstUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        (await ListUsageInPeriodAsync(tenant, sites, from, to, cancellationToken).ConfigureAwait(false)).Take(limit).ToList();

    /// <summary>The next <paramref name="limit"/> runs of <see cref="ListUsageInPeriodAsync"/> after <paramref name="after"/> (from the first when null), in the same order: a download a page at a time.</summary>
    async Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAfterAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, UsageRecord? after, int limit, CancellationToken cancellationToken) =>
        (await ListUsageInPeriodAsync(tenant, sites, from, to, cancellationToken).ConfigureAwait(false))
            .Where(u => after is null || (u.EndedAt, u.JobId, u.Fence).CompareTo((after.EndedAt, after.JobId, after.Fence)) > 0)
            .Take(limit)
            .ToList();

    /// <summary>The runs of <see cref="ListUsageInPeriodAsync"/> summed per UTC day of their end, site and pool, in that order.</summary>
    async Task<IReadOnlyList<UsageSum>> SumUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        UsageSums.Of(await ListUsageInPeriodAsync(tenant, sites, from, to, cancellationToken).ConfigureAwait(false));
}
