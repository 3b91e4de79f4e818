namespace Suanwang.Storage.Tenants;

/// <summary>
/// A tenant's abuse limits, set by an admin: how fast each of its keys may call the API, how much
/// work it may keep waiting, how many cards it may hold at once, and the highest priority it may ask.
/// </summary>
/// <param name="RequestsPerSecond">Tokens each of the tenant's keys gets back per second (token bucket).</param>
/// <param name="Burst">Tokens a key's bucket holds: requests it may send at once after a quiet spell.</param>
/// <param name="MaxQueuedJobs">Most jobs of the tenant waiting (queued or preempted) at once; a submission beyond it is refused.</param>
/// <param name="MaxOpenOrders">Most orders of the tenant open (not settled) at once; an order beyond it is refused.</param>
/// <param name="MaxCards">Most cards the tenant's running jobs hold at once; null for no cap. A job that would go over waits.</param>
/// <param name="MaxPriority">Highest priority a job of the tenant may ask for; a higher one is refused.</param>
public sealed record TenantLimits(int RequestsPerSecond, int Burst, int MaxQueuedJobs, int MaxOpenOrders, int? MaxCards, int MaxPriority)
{
    /// <summary>The limits of a tenant an admin has not set any for (documented in docs/security.md, "Abuse limits").</summary>
    public static TenantLimits Default { get; } = new(RequestsPerSecond: 50, Burst: 200, MaxQueuedJobs: 1_000, MaxOpenOrders: 1_000, MaxCards: null, MaxPriority: 100);
}
