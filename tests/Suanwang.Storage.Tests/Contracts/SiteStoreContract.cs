namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Sites.ISiteStore"/> must do.</summary>
public abstract class SiteStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task RegisterSite_New_IsUpWithEpochOne()
    {
        var store = await OpenAsync();

        var site = await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);

        Assert.Equal(new Sites.SiteRecord("cn-sh-1", SiteSpec, "local", true, false, T0, 1), site);
        Assert.Equal(site, await store.GetSiteAsync("cn-sh-1", None));
    }

    [Fact]
    public async Task RegisterSite_Again_BumpsEpochReplacesSpecAndKeepsDraining()
    {
        var store = await OpenAsync();
        await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);
        Assert.True(await store.SetDrainingAsync("cn-sh-1", true, None));
        Assert.True(await store.MarkDownAsync("cn-sh-1", T0.AddMinutes(1), None));

        var again = await store.RegisterSiteAsync("cn-sh-1", "id: cn-sh-1\n", "slurm", T0.AddMinutes(2), None);

        Assert.Equal(new Sites.SiteRecord("cn-sh-1", "id: cn-sh-1\n", "slurm", true, true, T0.AddMinutes(2), 2), again);
        Assert.Equal(again, await store.GetSiteAsync("cn-sh-1", None));
    }

    [Fact]
    public async Task GetSite_Unknown_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.GetSiteAsync("nowhere", None));
    }

    [Fact]
    public async Task ListSites_ReturnsAllById()
    {
        var store = await OpenAsync();
        await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);
        await store.RegisterSiteAsync("cn-bj-1", SiteSpec, "slurm", T0, None);
        await store.RegisterSiteAsync("kz-ala-1", SiteSpec, "local", T0, None);

        Assert.Equal(["cn-bj-1", "cn-sh-1", "kz-ala-1"], (await store.ListSitesAsync(None)).Select(s => s.Id));
    }

    [Fact]
    public async Task Heartbeat_CurrentEpoch_RecordsTheTime()
    {
        var store = await OpenAsync();
        var site = await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);

        Assert.True(await store.HeartbeatAsync("cn-sh-1", site.AgentEpoch, T0.AddSeconds(15), None));

        Assert.Equal(T0.AddSeconds(15), (await store.GetSiteAsync("cn-sh-1", None))!.LastHeartbeat);
    }

    [Fact]
    public async Task Heartbeat_StaleEpoch_ReturnsFalseAndChangesNothing()
    {
        var store = await OpenAsync();
        var old = await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);
        var current = await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0.AddSeconds(5), None);

        Assert.False(await store.HeartbeatAsync("cn-sh-1", old.AgentEpoch, T0.AddSeconds(15), None));
        Assert.False(await store.HeartbeatAsync("nowhere", 1, T0.AddSeconds(15), None));

        Assert.Equal(current, await store.GetSiteAsync("cn-sh-1", None));
    }

    [Fact]
    public async Task MarkDown_Twice_ReturnsTrueThenFalse()
    {
        var store = await OpenAsync();
        await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);

        Assert.True(await store.MarkDownAsync("cn-sh-1", T0.AddMinutes(1), None));
        Assert.False(await store.MarkDownAsync("cn-sh-1", T0.AddMinutes(2), None));
        Assert.False(await store.MarkDownAsync("nowhere", T0.AddMinutes(2), None));

        Assert.False((await store.GetSiteAsync("cn-sh-1", None))!.Up);
    }

    [Fact]
    public async Task Heartbeat_OfTheCurrentAgentAfterMarkDown_BringsTheSiteBackUp()
    {
        var store = await OpenAsync();
        var site = await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);
        Assert.True(await store.MarkDownAsync("cn-sh-1", T0.AddMinutes(1), None));

        Assert.True(await store.HeartbeatAsync("cn-sh-1", site.AgentEpoch, T0.AddMinutes(2), None));

        Assert.True((await store.GetSiteAsync("cn-sh-1", None))!.Up);
        Assert.True(await store.MarkDownAsync("cn-sh-1", T0.AddMinutes(3), None));
    }

    [Fact]
    public async Task SetDraining_TogglesTheFlag_AndIsFalseForAnUnknownSite()
    {
        var store = await OpenAsync();
        await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);

        Assert.True(await store.SetDrainingAsync("cn-sh-1", true, None));
        Assert.True((await store.GetSiteAsync("cn-sh-1", None))!.Draining);
        Assert.True(await store.SetDrainingAsync("cn-sh-1", false, None));
        Assert.False((await store.GetSiteAsync("cn-sh-1", None))!.Draining);
        Assert.False(await store.SetDrainingAsync("nowhere", true, None));
    }
}
