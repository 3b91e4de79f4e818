using System.Data.Common;
using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Sql;

public abstract partial class SqlStore
{
    private const string LimitColumns = "requests_per_second, burst, max_queued_jobs, max_open_orders, max_cards, max_priority";

    /// <inheritdoc cref="ITenantStore.GetTenantLimitsAsync"/>
    public Task<TenantLimits?> GetTenantLimitsAsync(string tenant, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {LimitColumns} FROM tenant_limits WHERE tenant = @tenant", new() { { "@tenant", tenant } }, ReadLimits, cancellationToken);

    /// <inheritdoc cref="ITenantStore.ListTenantLimitsAsync"/>
    public async Task<IReadOnlyDictionary<string, TenantLimits>> ListTenantLimitsAsync(CancellationToken cancellationToken)
    {
        var rows = await SelectAsync(
            $"SELECT tenant, {LimitColumns} FROM tenant_limits",
            new(),
            reader => (Tenant: reader.GetString(0), Limits: ReadLimits(reader, 1)),
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Tenant, r => r.Limits, StringComparer.Ordinal);
    }

    /// <inheritdoc cref="ITenantStore.SetTenantLimitsAsync"/>
    public Task<bool> SetTenantLimitsAsync(string tenant, TenantLimits limits, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        // Selecting from tenants makes an unknown tenant insert nothing rather than break the foreign key.
        return ChangedAnyAsync(
            $"INSERT INTO tenant_limits (tenant, {LimitColumns}, updated_at) " +
            "SELECT id, @rate, @burst, @queued, @orders, CAST(@cards AS INTEGER), @priority, @at FROM tenants WHERE id = @tenant " +
            "ON CONFLICT (tenant) DO UPDATE SET requests_per_second = excluded.requests_per_second, burst = excluded.burst, " +
            "max_queued_jobs = excluded.max_queued_jobs, max_open_orders = excluded.max_open_orders, max_cards = excluded.max_cards, " +
            "max_priority = excluded.max_priority, updated_at = excluded.updated_at RETURNING tenant",
            new()
            {
                { "@tenant", tenant },
                { "@rate", limits.RequestsPerSecond },
                { "@burst", limits.Burst },
                { "@queued", limits.MaxQueuedJobs },
                { "@orders", limits.MaxOpenOrders },
                { "@cards", limits.MaxCards },
                { "@priority", limits.MaxPriority },
                { "@at", TimeValue(at) },
            },
            cancellationToken);
    }

    /// <inheritdoc cref="ITenantStore.GetTenantBacklogAsync"/>
    public async Task<TenantBacklog> GetTenantBacklogAsync(string tenant, CancellationToken cancellationToken)
    {
        var rows = await SelectAsync(
            "SELECT (SELECT count(*) FROM jobs WHERE tenant = @tenant AND state IN ('queued', 'preempted')), " +
            "(SELECT count(*) FROM orders WHERE tenant = @tenant AND state = 'open')",
            new() { { "@tenant", tenant } },
            static reader => new TenantBacklog((int)reader.GetInt64(0), (int)reader.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    private static TenantLimits ReadLimits(DbDataReader reader) => ReadLimits(reader, 0);

    private static TenantLimits ReadLimits(DbDataReader reader, int first) => new(
        reader.GetInt32(first),
        reader.GetInt32(first + 1),
        reader.GetInt32(first + 2),
        reader.GetInt32(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetInt32(first + 4),
        reader.GetInt32(first + 5));
}
