using System.Net;
using System.Net.Http.Json;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Sites;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Sites;

public sealed class SitesApiTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        await _server.RegisterAsync(Specs.Site("cn-a", price: 5));
        await _server.RegisterAsync(Specs.Site("cn-b", model: "A100-80GB", cardsPerNode: 4, nodes: 2, price: 2.5m), "slurm");
        _acme = await _server.TenantAsync("acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task List_ShowsPoolsStateAndFreeCards()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", cards: 2));
        await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", name: "second", cards: 1));
        await _server.WaitForJobAsync(id + 1, j => j.State == JobState.Placed);

        // The scheduler counts a placement's cards once the store has recorded it, a moment after.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var sites = await _acme.GetFromJsonAsync<List<SiteView>>("/api/v1/sites", ProtocolJson.Options, timeout.Token);
        while (sites![0].FreeCards != 5)
        {
            await Task.Delay(5, timeout.Token);
            sites = await _acme.GetFromJsonAsync<List<SiteView>>("/api/v1/sites", ProtocolJson.Options, timeout.Token);
        }

        Assert.Equal(["cn-a", "cn-b"], sites!.Select(s => s.Id));
        var a = sites![0];
        Assert.Equal(("CN", "core", "local", "up", 8, 5), (a.Jurisdiction, a.Tier, a.Backend, a.State, a.Cards, a.FreeCards));
        var pool = Assert.Single(sites[1].Pools);
        Assert.Equal(("A100-80GB", 2, 4, "2.50", "CNY"), (pool.Model, pool.Nodes, pool.CardsPerNode, pool.PricePerCardHour, pool.Currency));
        Assert.Equal("slurm", sites[1].Backend);
    }

    [Fact]
    public async Task DrainedSite_GetsNoNewWork_UntilUndrained()
    {
        var drained = await _server.Admin.PostAsync("/api/v1/sites/cn-a/drain", null);
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", cards: 2));
        var snapshot = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ControlPlane.Dispatch.ClusterSnapshot>(_server.Server.Services);
        await WaitAsync(() => snapshot.Waiting == 1);

        Assert.Equal("draining", (await drained.Content.ReadFromJsonAsync<SiteView>(ProtocolJson.Options))!.State);
        Assert.Equal(JobState.Queued, (await _server.Store.GetJobAsync(id, CancellationToken.None))!.State);

        await _server.Admin.PostAsync("/api/v1/sites/cn-a/undrain", null);
        var placed = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        Assert.Equal("cn-a", placed.Site);
    }

    [Fact]
    public async Task Drain_NeedsAdmin_AndUnknownSiteIs404()
    {
        var tenant = await _acme.PostAsync("/api/v1/sites/cn-a/drain", null);
        var unknown = await _server.Admin.PostAsync("/api/v1/sites/nowhere/drain", null);

        Assert.Equal(HttpStatusCode.Forbidden, tenant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await TestServer.ProblemAsync(unknown);
        Assert.False((await _server.Store.GetSiteAsync("cn-a", CancellationToken.None))!.Draining);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
