using Suanwang.Storage.Tenants;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Tenants.ITenantStore"/> must do.</summary>
public abstract class TenantStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task CreateTenant_Twice_ReturnsTrueThenFalse()
    {
        var store = await OpenAsync();
        var acme = new TenantRecord("acme", "Acme Robotics", 2.5, T0);

        Assert.True(await store.CreateTenantAsync(acme, None));
        Assert.False(await store.CreateTenantAsync(acme with { Name = "Other" }, None));

        Assert.Equal(acme, await store.GetTenantAsync("acme", None));
    }

    [Fact]
    public async Task GetTenant_Unknown_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.GetTenantAsync("nobody", None));
    }

    [Fact]
    public async Task ListTenants_ReturnsAllById()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("zeta", "Zeta", 1, T0), None);
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);

        Assert.Equal(["acme", "zeta"], (await store.ListTenantsAsync(None)).Select(t => t.Id));
    }

    [Fact]
    public async Task ApiKey_IsFoundByHash_RevokedOnesWithTheirTime()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        var key = new ApiKeyRecord("k_1a2b", KeyHash, KeyRole.Admin, "acme", null, T0);
        await store.CreateApiKeyAsync(key, None);

        Assert.Equal(key, await store.FindApiKeyAsync(KeyHash, None));
        Assert.Equal(key, await store.GetApiKeyAsync("k_1a2b", None));
        Assert.Null(await store.FindApiKeyAsync(new string('b', 64), None));

        Assert.True(await store.RevokeApiKeyAsync("k_1a2b", T0.AddHours(1), None));
        Assert.True(await store.RevokeApiKeyAsync("k_1a2b", T0.AddHours(2), None));

        Assert.Equal(key with { RevokedAt = T0.AddHours(1) }, await store.FindApiKeyAsync(KeyHash, None));
        Assert.False(await store.RevokeApiKeyAsync("k_unknown", T0, None));
        Assert.Null(await store.GetApiKeyAsync("k_unknown", None));
    }

    [Fact]
    public async Task ApiKey_OfEachRole_KeepsItsTenantSiteAndExpiry()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        var tenant = new ApiKeyRecord("k_t", new string('1', 64), KeyRole.Tenant, "acme", null, T0, ExpiresAt: T0.AddDays(30));
        var agent = new ApiKeyRecord("k_a", new string('2', 64), KeyRole.Agent, null, "cn-sh-1", T0.AddSeconds(1));
        var other = new ApiKeyRecord("k_o", new string('3', 64), KeyRole.Agent, null, "cn-bj-1", T0.AddSeconds(2), ExpiresAt: T0.AddDays(1));
        await store.CreateApiKeyAsync(tenant, None);
        await store.CreateApiKeyAsync(agent, None);
        await store.CreateApiKeyAsync(other, None);

        Assert.Equal(tenant, await store.FindApiKeyAsync(tenant.Hash, None));
        Assert.Equal(agent, await store.FindApiKeyAsync(agent.Hash, None));
        Assert.Equal([tenant, agent, other], await store.ListApiKeysAsync(null, null, null, None));
        Assert.Equal([tenant], await store.ListApiKeysAsync("acme", null, null, None));
        Assert.Equal([agent], await store.ListApiKeysAsync(null, "cn-sh-1", null, None));
        Assert.Empty(await store.ListApiKeysAsync("acme", "cn-sh-1", null, None));
    }

    [Fact]
    public async Task ApiKey_OfAProvider_KeepsItsOwnerAndIsListedByIt()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        var tenant = new ApiKeyRecord("k_t", new string('1', 64), KeyRole.Tenant, "acme", null, T0);
        var provider = new ApiKeyRecord("k_p", new string('2', 64), KeyRole.Provider, null, null, T0.AddSeconds(1), ExpiresAt: T0.AddDays(30), Owner: "East Compute");
        var other = new ApiKeyRecord("k_q", new string('3', 64), KeyRole.Provider, null, null, T0.AddSeconds(2), Owner: "West Compute");
        await store.CreateApiKeyAsync(tenant, None);
        await store.CreateApiKeyAsync(provider, None);
        await store.CreateApiKeyAsync(other, None);

        Assert.Equal(provider, await store.FindApiKeyAsync(provider.Hash, None));
        Assert.Equal(other, await store.GetApiKeyAsync("k_q", None));
        Assert.Equal([provider], await store.ListApiKeysAsync(null, null, "East Compute", None));
        Assert.Empty(await store.ListApiKeysAsync("acme", null, "East Compute", None));
        Assert.Equal([tenant, provider, other], await store.ListApiKeysAsync(null, null, null, None));
    }

    [Fact]
    public async Task CreateApiKey_OfAProviderWithoutItsOwnerOrWithATenant_IsRefused()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);

        // A provider key names an owner and no tenant or site; no other role names an owner.
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_1", new string('1', 64), KeyRole.Provider, null, null, T0), None));
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_2", new string('2', 64), KeyRole.Provider, "acme", null, T0, Owner: "East"), None));
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_3", new string('3', 64), KeyRole.Provider, null, "cn-sh-1", T0, Owner: "East"), None));
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_4", new string('4', 64), KeyRole.Tenant, "acme", null, T0, Owner: "East"), None));

        Assert.Empty(await store.ListApiKeysAsync(null, null, null, None));
    }

    [Fact]
    public async Task CreateApiKey_OfAMismatchedRole_IsRefused()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);

        // The schema holds the rule: an agent key names a site and no tenant, the others a tenant and no site.
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_1", new string('1', 64), KeyRole.Agent, null, null, T0), None));
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_2", new string('2', 64), KeyRole.Agent, "acme", "cn-sh-1", T0), None));
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_3", new string('3', 64), KeyRole.Tenant, "acme", "cn-sh-1", T0), None));
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateApiKeyAsync(new ApiKeyRecord("k_4", new string('4', 64), KeyRole.Admin, null, null, T0), None));

        Assert.Empty(await store.ListApiKeysAsync(null, null, null, None));
    }

    [Fact]
    public async Task CreateApiKey_ForAnUnknownTenant_FailsAlone()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);

        // Queued together, so they may share a group commit: the bad one must not take the others down.
        var bad = store.CreateApiKeyAsync(new ApiKeyRecord("k_bad", KeyHash, KeyRole.Tenant, "nobody", null, T0), None);
        var jobs = Enumerable.Range(0, 20).Select(_ => store.SubmitAsync(Job(), T0, None)).ToList();
        var good = store.CreateApiKeyAsync(new ApiKeyRecord("k_good", new string('c', 64), KeyRole.Tenant, "acme", null, T0), None);

        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        await good;
        Assert.Equal(20, (await Task.WhenAll(jobs)).Select(j => j.Id).Distinct().Count());
        Assert.Null(await store.FindApiKeyAsync(KeyHash, None));
        Assert.NotNull(await store.FindApiKeyAsync(new string('c', 64), None));
    }

    [Fact]
    public async Task TenantLimits_AreNullUntilSet_ThenReadBackAndReplaced()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        Assert.Null(await store.GetTenantLimitsAsync("acme", None));

        var limits = new TenantLimits(5, 10, 3, 2, 16, 7);
        Assert.True(await store.SetTenantLimitsAsync("acme", limits, T0, None));
        Assert.Equal(limits, await store.GetTenantLimitsAsync("acme", None));

        var uncapped = limits with { MaxCards = null, MaxPriority = 9 };
        Assert.True(await store.SetTenantLimitsAsync("acme", uncapped, T0.AddMinutes(1), None));
        Assert.Equal(uncapped, await store.GetTenantLimitsAsync("acme", None));
        Assert.Equal(uncapped, (await store.ListTenantLimitsAsync(None))["acme"]);
    }

    [Fact]
    public async Task SetTenantLimits_ForAnUnknownTenant_ReturnsFalseAndWritesNothing()
    {
        var store = await OpenAsync();

        Assert.False(await store.SetTenantLimitsAsync("nobody", TenantLimits.Default, T0, None));

        Assert.Null(await store.GetTenantLimitsAsync("nobody", None));
        Assert.Empty(await store.ListTenantLimitsAsync(None));
    }

    [Fact]
    public async Task TenantBacklog_CountsOnlyTheTenantsWaitingJobs()
    {
        var store = await OpenAsync();
        await store.SubmitAsync(Job("acme"), T0, None);
        await store.SubmitAsync(Job("acme"), T0, None);
        await store.SubmitAsync(Job("other"), T0, None);
        var cancelled = await store.SubmitAsync(Job("acme"), T0, None);
        await store.CancelAsync(cancelled.Id, "test", T0, None);
        var running = await RunningAsync(store, tenant: "acme");
        Assert.Equal(new TenantBacklog(2, 0), await store.GetTenantBacklogAsync("acme", None));

        Assert.True(await store.RequeueAsync(running.Id, running.Fence, 10, "site failed", T0.AddSeconds(3), None));

        Assert.Equal(new TenantBacklog(3, 0), await store.GetTenantBacklogAsync("acme", None));
        Assert.Equal(new TenantBacklog(0, 0), await store.GetTenantBacklogAsync("nobody", None));
    }
}
