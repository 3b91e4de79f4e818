using Microsoft.Data.Sqlite;
using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<bool> CreateTenantAsync(TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var time = SqliteValues.Time(tenant.CreatedAt);
        return WriteAsync(session =>
        {
            var insert = session.Command("INSERT INTO tenants (id, name, weight, created_at) VALUES (@id, @name, @weight, @at) ON CONFLICT DO NOTHING");
            insert.Bind("@id", tenant.Id);
            insert.Bind("@name", tenant.Name);
            insert.Bind("@weight", tenant.Weight);
            insert.Bind("@at", time);
            return insert.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TenantRecord?> GetTenantAsync(string id, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command("SELECT id, name, weight, created_at FROM tenants WHERE id = @id");
        select.Bind("@id", id);
        using var reader = select.ExecuteReader();
        return reader.Read() ? ReadTenant(reader) : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantRecord>> ListTenantsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<TenantRecord>>(session =>
        {
            var tenants = new List<TenantRecord>();
            using var reader = session.Command("SELECT id, name, weight, created_at FROM tenants ORDER BY id").ExecuteReader();
            while (reader.Read())
            {
                tenants.Add(ReadTenant(reader));
            }

            return tenants;
        }, cancellationToken);

    /// <inheritdoc />
    public Task CreateApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var time = SqliteValues.Time(key.CreatedAt);
        return WriteAsync(session =>
        {
            var insert = session.Command("INSERT INTO api_keys (id, hash, tenant, admin, created_at) VALUES (@id, @hash, @tenant, @admin, @at)");
            insert.Bind("@id", key.Id);
            insert.Bind("@hash", key.Hash);
            insert.Bind("@tenant", key.Tenant);
            insert.Bind("@admin", key.Admin ? 1 : 0);
            insert.Bind("@at", time);
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindApiKeyAsync(string hash, CancellationToken cancellationToken) => ReadAsync(session =>
    {
        var select = session.Command("SELECT id, hash, tenant, admin, created_at FROM api_keys WHERE hash = @hash AND revoked = 0");
        select.Bind("@hash", hash);
        using var reader = select.ExecuteReader();
        return reader.Read()
            ? new ApiKeyRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3) != 0, SqliteValues.ParseTime(reader.GetString(4)))
            : null;
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RevokeApiKeyAsync(string id, CancellationToken cancellationToken) => WriteAsync(session =>
    {
        var update = session.Command("UPDATE api_keys SET revoked = 1 WHERE id = @id");
        update.Bind("@id", id);
        return update.ExecuteNonQuery() == 1;
    }, cancellationToken);

    private static TenantRecord ReadTenant(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), SqliteValues.ParseTime(reader.GetString(3)));
}
