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
    public async Task ApiKey_IsFoundByHash_UntilRevoked()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);
        var key = new ApiKeyRecord("k_1a2b", KeyHash, "acme", true, T0);
        await store.CreateApiKeyAsync(key, None);

        Assert.Equal(key, await store.FindApiKeyAsync(KeyHash, None));
        Assert.Null(await store.FindApiKeyAsync(new string('b', 64), None));

        Assert.True(await store.RevokeApiKeyAsync("k_1a2b", None));

        Assert.Null(await store.FindApiKeyAsync(KeyHash, None));
        Assert.False(await store.RevokeApiKeyAsync("k_unknown", None));
    }

    [Fact]
    public async Task CreateApiKey_ForAnUnknownTenant_FailsAlone()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, T0), None);

        // Queued together, so they may share a group commit: the bad one must not take the others down.
        var bad = store.CreateApiKeyAsync(new ApiKeyRecord("k_bad", KeyHash, "nobody", false, T0), None);
        var jobs = Enumerable.Range(0, 20).Select(_ => store.SubmitAsync(Job(), T0, None)).ToList();
        var good = store.CreateApiKeyAsync(new ApiKeyRecord("k_good", new string('c', 64), "acme", false, T0), None);

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
