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
            $"INSERT INTO api_keys ({DirectoryRows.ApiKeyColumns}) VALUES (@id, @hash, @role, @tenant, @site, @at, @expires, @revoked, @jurisdictions, @rpm, @tpm, @spend, @owner) RETURNING id",
            new()
            {
                { "@id", key.Id }, { "@hash", key.Hash }, { "@role", KeyRoles.Name(key.Role) }, { "@tenant", key.Tenant }, { "@site", key.Site },
                { "@at", TimeValue(key.CreatedAt) }, { "@expires", OptionalTime(key.ExpiresAt) }, { "@revoked", OptionalTime(key.RevokedAt) },
                { "@jurisdictions", key.Jurisdictions is null ? null : string.Join(',', key.Jurisdictions) },
                { "@rpm", key.RequestsPerMinute }, { "@tpm", key.TokensPerMinute }, { "@spend", key.SpendPerMonth }, { "@owner", key.Owner },
            },
            cancellationToken);
    }

    /// <inheritdoc cref="ITenantStore.FindApiKeyAsync"/>
    public Task<ApiKeyRecord?> FindApiKeyAsync(string hash, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {DirectoryRows.ApiKeyColumns} FROM api_keys WHERE hash = @hash", new() { { "@hash", hash } }, ReadApiKey, cancellationToken);

    /// <inheritdoc cref="ITenantStore.GetApiKeyAsync"/>
    public Task<ApiKeyRecord?> GetApiKeyAsync(string id, CancellationToken cancellationToken) => SelectOneAsync(
        $"SELECT {DirectoryRows.ApiKeyColumns} FROM api_keys WHERE id = @id", new() { { "@id", id } }, ReadApiKey, cancellationToken);

    /// <inheritdoc cref="ITenantStore.ListApiKeysAsync"/>
    public Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string? tenant, string? site, string? owner, CancellationToken cancellationToken)
    {
        // Conditions only for the filters given: PostgreSQL cannot type a NULL parameter in "@x IS NULL".
        var parameters = new SqlParameters();
        var conditions = new List<string>(3);
        if (tenant is not null)
        {
            conditions.Add("tenant = @tenant");
            parameters.Add("@tenant", tenant);
        }

        if (site is not null)
        {
            conditions.Add("site = @site");
            parameters.Add("@site", site);
        }

        if (owner is not null)
        {
            conditions.Add("owner = @owner");
            parameters.Add("@owner", owner);
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        return SelectListAsync($"SELECT {DirectoryRows.ApiKeyColumns} FROM api_keys{where} ORDER BY created_at, id", parameters, ReadApiKey, cancellationToken);
    }

    /// <inheritdoc cref="ITenantStore.RevokeApiKeyAsync"/>
    public Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) => ChangedAnyAsync(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @id RETURNING id", new() { { "@id", id }, { "@at", TimeValue(at) } }, cancellationToken);

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

    private ApiKeyRecord ReadApiKey(DbDataReader reader) => DirectoryRows.ReadApiKey(reader, _time);

    private object? OptionalTime(DateTimeOffset? at) => at is { } value ? TimeValue(value) : null;
}
