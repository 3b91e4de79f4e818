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

    /// <summary>Stores a key (its hash only).</summary>
    Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>The key with this hash, or null (revoked or unknown).</summary>
    Task<ApiKeyRecord?> FindApiKeyAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Revokes a key by its public id; false when unknown.</summary>
    Task<bool> RevokeApiKeyAsync(string id, CancellationToken cancellationToken);
}
