using System.Data.Common;
using Suanwang.Storage.Sites;
using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc cref="ITenantStore.CreateTenantAsync"/>
    public async Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return await ChangedAnyAsync(
            $"INSERT INTO tenants ({DirectoryRows.TenantColumns}) VALUES (@id, @name, @weight, @at) ON CONFLICT DO NOTHING RETURNING id",
            new() { { "@id", tenant.Id }, { "@name", tenant.Name }, { "@weight", tenant.Weight }, { "@at", TimeValue(tenant.CreatedAt) } },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ITenantStore.GetTenantAsync"/>
    public Task<TenantRecord?> GetTenantAsync(string id, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {DirectoryRows.TenantColumns} FROM tenants WHERE id = @id", new() { { "@id", id } }, ReadTenant, cancellationToken);

    /// <inheritdoc cref="ITenantStore.ListTenantsAsync"/>
    public Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken) => SelectListAsync(
        $"SELECT {DirectoryRows.TenantColumns} FROM tenants ORDER BY id", new(), ReadTenant, cancellationToken);

    /// <inheritdoc cref="ITenantStore.CreateApiKeyAsync"/>
    public Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ChangedAnyAsync(
            $"INSERT INTO api_keys ({DirectoryRows.ApiKeyColumns}) VALUES (@id, @hash, @tenant, @admin, @at) RETURNING id",
            new() { { "@id", key.Id }, { "@hash", key.Hash }, { "@tenant", key.Tenant }, { "@admin", key.Admin }, { "@at", TimeValue(key.CreatedAt) } },
            cancellationToken);
    }

    /// <inheritdoc cref="ITenantStore.FindApiKeyAsync"/>
    public Task<ApiKeyRecord?> FindApiKeyAsync(string hash, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {DirectoryRows.ApiKeyColumns} FROM api_keys WHERE hash = @hash AND NOT revoked",
        new() { { "@hash", hash } },
        reader => DirectoryRows.ReadApiKey(reader, _time),
        cancellationToken);

    /// <inheritdoc cref="ITenantStore.RevokeApiKeyAsync"/>
    public Task<bool> RevokeApiKeyAsync(string id, CancellationToken cancellationToken) =>
        ChangedAnyAsync("UPDATE api_keys SET revoked = true WHERE id = @id RETURNING id", new() { { "@id", id } }, cancellationToken);

    /// <inheritdoc cref="ISiteStore.RegisterSiteAsync"/>
    public async Task<SiteRecord> RegisterSiteAsync(string id, string spec, string backend, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = await ChangeAsync(
            // Draining is an admin's decision and outlives the agent; everything else is the agent's.
            $"INSERT INTO sites ({DirectoryRows.SiteColumns}) VALUES (@id, @spec, @backend, true, false, @at, 1) " +
            "ON CONFLICT (id) DO UPDATE SET spec = excluded.spec, backend = excluded.backend, up = true, last_heartbeat = excluded.last_heartbeat, " +
            $"agent_epoch = sites.agent_epoch + 1, down_at = NULL RETURNING {DirectoryRows.SiteColumns}",
            new() { { "@id", id }, { "@spec", spec }, { "@backend", backend }, { "@at", TimeValue(at) } },
            ReadSite,
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <inheritdoc cref="ISiteStore.GetSiteAsync"/>
    public Task<SiteRecord?> GetSiteAsync(string id, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {DirectoryRows.SiteColumns} FROM sites WHERE id = @id", new() { { "@id", id } }, ReadSite, cancellationToken);

    /// <inheritdoc cref="ISiteStore.ListSitesAsync"/>
    public Task<IReadOnlyList<SiteRecord>> ListSitesAsync(CancellationToken cancellationToken) => SelectListAsync(
        $"SELECT {DirectoryRows.SiteColumns} FROM sites ORDER BY id", new(), ReadSite, cancellationToken);

    /// <inheritdoc cref="ISiteStore.HeartbeatAsync"/>
    public Task<bool> HeartbeatAsync(string id, long epoch, DateTimeOffset at, CancellationToken cancellationToken) => ChangedAnyAsync(
        // A heartbeat of the current agent brings a site marked down back up; its old runs were
        // requeued with new fences, so nothing it reports about them is taken.
        "UPDATE sites SET last_heartbeat = @at, up = true, down_at = NULL WHERE id = @id AND agent_epoch = @epoch RETURNING id",
        new() { { "@at", TimeValue(at) }, { "@id", id }, { "@epoch", epoch } },
        cancellationToken);

    /// <inheritdoc cref="ISiteStore.MarkDownAsync"/>
    public Task<bool> MarkDownAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => ChangedAnyAsync(
        "UPDATE sites SET up = false, down_at = @at WHERE id = @id AND up RETURNING id", new() { { "@at", TimeValue(at) }, { "@id", id } }, cancellationToken);

    /// <inheritdoc cref="ISiteStore.SetDrainingAsync"/>
    public Task<bool> SetDrainingAsync(string id, bool draining, CancellationToken cancellationToken) => ChangedAnyAsync(
        "UPDATE sites SET draining = @draining WHERE id = @id RETURNING id", new() { { "@draining", draining }, { "@id", id } }, cancellationToken);

    private SiteRecord ReadSite(DbDataReader reader) => DirectoryRows.ReadSite(reader, _time);

    private TenantRecord ReadTenant(DbDataReader reader) => DirectoryRows.ReadTenant(reader, _time);
}
