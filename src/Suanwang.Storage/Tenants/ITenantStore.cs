namespace Suanwang.Storage.Tenants;

/// <summary>Tenants and their API keys.</summary>
public interface ITenantStore
{
    /// <summary>Creates a tenant; false when the id is taken.</summary>
    Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken);

    /// <summary>The tenant, or null.</summary>
    Task<TenantRecord?> GetTenantAsync(string id, CancellationToken cancellationToken);

    /// <summary>All tenants by id.</summary>
    Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken);

    /// <summary>Stores a key (its hash only); throws for a tenant that does not exist.</summary>
    Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>The key with this hash, revoked and expired ones included (the caller says why it refuses them), or null.</summary>
    Task<ApiKeyRecord?> FindApiKeyAsync(string hash, CancellationToken cancellationToken);

    /// <summary>The key with this public id, or null.</summary>
    Task<ApiKeyRecord?> GetApiKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>Keys, oldest first, of one tenant, one site and/or one provider when given; revoked ones included.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(string? tenant, string? site, string? owner, CancellationToken cancellationToken);

    /// <summary>Revokes a key by its public id at <paramref name="at"/> (a key revoked before keeps its first time); false when unknown.</summary>
    Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The limits an admin set for the tenant, or null when none were set (the defaults apply).</summary>
    Task<TenantLimits?> GetTenantLimitsAsync(string tenant, CancellationToken cancellationToken);

    /// <summary>Every tenant's limits that an admin set, by tenant id.</summary>
    Task<IReadOnlyDictionary<string, TenantLimits>> ListTenantLimitsAsync(CancellationToken cancellationToken);

    /// <summary>Sets (replaces) the tenant's limits; false, writing nothing, when the tenant does not exist.</summary>
    Task<bool> SetTenantLimitsAsync(string tenant, TenantLimits limits, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The tenant's waiting jobs and open orders now.</summary>
    Task<TenantBacklog> GetTenantBacklogAsync(string tenant, CancellationToken cancellationToken);
}
