using Npgsql;
using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return WriteAsync(
            "INSERT INTO tenants (id, name, weight, created_at) VALUES (@id, @name, @weight, @at) ON CONFLICT DO NOTHING RETURNING id",
            p =>
            {
                p.AddText("id", tenant.Id);
                p.AddText("name", tenant.Name);
                p.AddDouble("weight", tenant.Weight);
                p.AddTime("at", tenant.CreatedAt);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<TenantRecord?> GetTenantAsync(string id, CancellationToken cancellationToken) => ReadAsync(
        "SELECT id, name, weight, created_at FROM tenants WHERE id = @id",
        p => p.AddText("id", id),
        async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false) ? ReadTenant(reader) : null,
        cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken) => ReadAsync<IReadOnlyList<TenantRecord>>(
        "SELECT id, name, weight, created_at FROM tenants ORDER BY id",
        NoParameters,
        async (reader, ct) =>
        {
            var tenants = new List<TenantRecord>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                tenants.Add(ReadTenant(reader));
            }

            return tenants;
        },
        cancellationToken);

    /// <inheritdoc />
    public Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(
            "INSERT INTO api_keys (id, hash, tenant, admin, created_at) VALUES (@id, @hash, @tenant, @admin, @at) RETURNING id",
            p =>
            {
                p.AddText("id", key.Id);
                p.AddText("hash", key.Hash);
                p.AddText("tenant", key.Tenant);
                p.AddBool("admin", key.Admin);
                p.AddTime("at", key.CreatedAt);
            },
            PostgresValues.AnyRowAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindApiKeyAsync(string hash, CancellationToken cancellationToken) => ReadAsync(
        "SELECT id, hash, tenant, admin, created_at FROM api_keys WHERE hash = @hash AND NOT revoked",
        p => p.AddText("hash", hash),
        async (reader, ct) => await reader.ReadAsync(ct).ConfigureAwait(false)
            ? new ApiKeyRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3), reader.GetTime(4))
            : null,
        cancellationToken);

    /// <inheritdoc />
    public Task<bool> RevokeApiKeyAsync(string id, CancellationToken cancellationToken) => WriteAsync(
        "UPDATE api_keys SET revoked = true WHERE id = @id RETURNING id",
        p => p.AddText("id", id),
        PostgresValues.AnyRowAsync,
        cancellationToken);

    private static TenantRecord ReadTenant(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetTime(3));
}
