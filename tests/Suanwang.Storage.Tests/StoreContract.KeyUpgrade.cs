using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Migrate_FromVersionFour_GivesEveryKeyItsRoleAndKeepsRevokedKeysRevoked()
    {
        var store = Track(await CreateStoreAsync());
        await BuildSchemaAsync(store.Dialect, 4);
        var sqlite = store.Dialect == "sqlite";
        var (yes, no) = sqlite ? ("1", "0") : ("true", "false");
        await ExecuteSqlAsync(
            "INSERT INTO tenants (id, name, weight, created_at) VALUES " +
            "('admin', 'Administrators', 1, '2026-05-01T08:00:00.000000Z'), ('acme', 'Acme', 1, '2026-05-01T08:00:00.000000Z')");
        await ExecuteSqlAsync(
            "INSERT INTO api_keys (id, hash, tenant, admin, created_at, revoked) VALUES " +
            $"('key_admin', '{new string('1', 64)}', 'admin', {yes}, '2026-05-01T08:00:00.000000Z', {no}), " +
            $"('key_acme', '{new string('2', 64)}', 'acme', {no}, '2026-05-01T08:00:01.000000Z', {no}), " +
            $"('key_gone', '{new string('3', 64)}', 'acme', {no}, '2026-05-01T08:00:02.000000Z', {yes})");

        await store.MigrateAsync(None);

        Assert.Equal(
            [
                new ApiKeyRecord("key_admin", new string('1', 64), KeyRole.Admin, "admin", null, T0),
                new ApiKeyRecord("key_acme", new string('2', 64), KeyRole.Tenant, "acme", null, T0.AddSeconds(1)),
                new ApiKeyRecord("key_gone", new string('3', 64), KeyRole.Tenant, "acme", null, T0.AddSeconds(2), RevokedAt: T0.AddSeconds(2)),
            ],
            await store.ListApiKeysAsync(null, null, null, None));

        // The upgraded table takes keys of the new roles, and migrating again changes nothing.
        var agent = new ApiKeyRecord("key_site", new string('4', 64), KeyRole.Agent, null, "cn-sh-1", T0.AddSeconds(3), T0.AddDays(1));
        await store.CreateApiKeyAsync(agent, None);
        await store.MigrateAsync(None);
        Assert.Equal(agent, await store.FindApiKeyAsync(agent.Hash, None));
        Assert.Equal(4, (await store.ListApiKeysAsync(null, null, null, None)).Count);
    }

    [Fact]
    public async Task Migrate_FromVersionTwelve_KeepsEveryKeyAndTakesProviderKeys()
    {
        var store = Track(await CreateStoreAsync());
        await BuildSchemaAsync(store.Dialect, 12);
        await ExecuteSqlAsync("INSERT INTO tenants (id, name, weight, created_at) VALUES ('acme', 'Acme', 1, '2026-05-01T08:00:00.000000Z')");
        await ExecuteSqlAsync(
            "INSERT INTO api_keys (id, hash, role, tenant, site, created_at, expires_at, revoked_at, jurisdictions, requests_per_minute, tokens_per_minute, spend_per_month) VALUES " +
            $"('key_acme', '{new string('1', 64)}', 'tenant', 'acme', NULL, '2026-05-01T08:00:00.000000Z', NULL, NULL, 'CN,KZ', 60, 1000, 500), " +
            $"('key_site', '{new string('2', 64)}', 'agent', NULL, 'cn-sh-1', '2026-05-01T08:00:01.000000Z', NULL, '2026-05-01T08:00:02.000000Z', NULL, NULL, NULL, NULL)");

        await store.MigrateAsync(None);

        var keys = await store.ListApiKeysAsync(null, null, null, None);
        Assert.Equal(2, keys.Count);
        Assert.Equal(["CN", "KZ"], keys[0].Jurisdictions);
        Assert.Equal(keys[0] with { Jurisdictions = null }, new ApiKeyRecord("key_acme", new string('1', 64), KeyRole.Tenant, "acme", null, T0, RequestsPerMinute: 60, TokensPerMinute: 1000, SpendPerMonth: 500));
        Assert.Equal(new ApiKeyRecord("key_site", new string('2', 64), KeyRole.Agent, null, "cn-sh-1", T0.AddSeconds(1), RevokedAt: T0.AddSeconds(2)), keys[1]);

        var provider = new ApiKeyRecord("key_owner", new string('3', 64), KeyRole.Provider, null, null, T0.AddSeconds(3), Owner: "East Compute");
        await store.CreateApiKeyAsync(provider, None);
        await store.MigrateAsync(None);
        Assert.Equal(provider, await store.FindApiKeyAsync(provider.Hash, None));
    }
}
