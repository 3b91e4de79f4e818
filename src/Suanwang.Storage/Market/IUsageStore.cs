namespace Suanwang.Storage.Market;

/// <summary>Metered runs of jobs (recorded as jobs finish or are requeued), read by settlement and statements.</summary>
public interface IUsageStore
{
    /// <summary>The job's metered runs, by fence.</summary>
    Task<IReadOnlyList<UsageRecord>> ListUsageAsync(long jobId, CancellationToken cancellationToken);

    /// <summary>Runs that ended in [<paramref name="from"/>, <paramref name="to"/>), optionally of one tenant and on some sites, in order of end.</summary>
    Task<IReadOnlyList<UsageRecord>> ListUsageInPeriodAsync(string? tenant, IReadOnlyCollection<string>? sites, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
