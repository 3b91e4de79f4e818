namespace Suanwang.Server.Hosting;

/// <summary>
/// The token buckets of keys that are not a tenant's (a tenant's keys get the rate and burst an
/// admin set for the tenant, see <see cref="Storage.Tenants.TenantLimits"/>). Defaults are
/// documented in docs/security.md, "Abuse limits".
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>Whether requests are rate limited at all; on by default.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Requests per second of each admin key on routes other than the agent protocol.</summary>
    public int AdminRequestsPerSecond { get; init; } = 1_000;

    /// <summary>Bucket size of each admin key.</summary>
    public int AdminBurst { get; init; } = 5_000;

    /// <summary>
    /// Requests per second of each key on the agent protocol (<c>/api/v1/agents/...</c>): a bucket
    /// of its own per key, so no tenant's traffic and no admin's scripts can starve heartbeats.
    /// </summary>
    public int AgentRequestsPerSecond { get; init; } = 1_000;

    /// <summary>Bucket size of each key on the agent protocol.</summary>
    public int AgentBurst { get; init; } = 5_000;

    /// <summary>Requests per second of each provider key.</summary>
    public int ProviderRequestsPerSecond { get; init; } = 50;

    /// <summary>Bucket size of each provider key.</summary>
    public int ProviderBurst { get; init; } = 200;

    /// <summary>Requests per second from each remote address without a valid key (all of them get 401, or the OpenAPI document).</summary>
    public int AnonymousRequestsPerSecond { get; init; } = 20;

    /// <summary>Bucket size of each remote address without a valid key.</summary>
    public int AnonymousBurst { get; init; } = 100;
}
