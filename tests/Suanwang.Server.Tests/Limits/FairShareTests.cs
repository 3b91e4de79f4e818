using System.Net;
using System.Text;
using Suanwang.Core.Jobs;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Limits;

/// <summary>
/// The default queue policy (fair share with backfill) and per-tenant card caps, through the real
/// server over HTTP. The bound under test, as docs/security.md states it: a job of a tenant that
/// holds no cards starts at the first scheduler pass after cards it fits on are free, ahead of
/// every queued job of tenants that hold cards, whatever their number or priority.
/// </summary>
public sealed class FairShareTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TenantBJob_AfterTenantAFloodsAThousandJobsAtItsMaximumPriority_StartsAtTheFirstPassAfterACardFrees()
    {
        await _server.RegisterAsync(Specs.Site("cn-a", cardsPerNode: 4));
        using var a = await _server.TenantAsync("tenant-a");
        using var b = await _server.TenantAsync("tenant-b");
        await SetLimitsAsync("tenant-a", """{"max_priority": 1000, "max_queued_jobs": 1000, "requests_per_second": 1000, "burst": 1000}""");
        var flood = Specs.Job("tenant-a", "flood", cards: 1) + "\npriority: 1000";
        var ids = new List<long>();
        for (var i = 0; i < 1000; i++)
        {
            ids.Add(await TestServer.SubmitOkAsync(a, flood));
        }

        // A's four first jobs fill the site's four cards; 996 wait.
        var running = await WaitForPlacedAsync("tenant-a", 4);

        var bJob = await TestServer.SubmitOkAsync(b, Specs.Job("tenant-b", "small", cards: 1));
        await _server.WaitForEventsAsync(bJob, e => e.Count > 0);
        Assert.Equal(JobState.Queued, (await _server.Store.GetJobAsync(bJob, CancellationToken.None))!.State);

        Assert.Equal(HttpStatusCode.OK, (await a.PostAsync($"/api/v1/jobs/{running[0].Id}/cancel", null)).StatusCode);

        var started = await _server.WaitForJobAsync(bJob, j => j.State == JobState.Placed);
        Assert.Equal("cn-a", started.Site);
        // The freed card went to B: A still has exactly the four placements it had.
        var placedA = await PlacedAsync("tenant-a");
        Assert.Equal(running.Select(j => j.Id).Skip(1).Order(), placedA.Select(j => j.Id).Order());
    }

    [Fact]
    public async Task JobOverItsTenantsCardCap_Waits_WithAHeldEvent_UntilCardsFree()
    {
        await _server.RegisterAsync(Specs.Site("cn-a", cardsPerNode: 8));
        using var acme = await _server.TenantAsync("acme");
        await SetLimitsAsync("acme", """{"max_cards": 3}""");
        var first = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", "first", cards: 2));
        await _server.WaitForJobAsync(first, j => j.State == JobState.Placed);

        var second = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", "second", cards: 2));
        var events = await _server.WaitForEventsAsync(second, e => e.Any(x => x.Kind == "held"));

        Assert.Contains("hold 2 of the 3 cards", events.Single(e => e.Kind == "held").Message, StringComparison.Ordinal);
        Assert.Equal(JobState.Queued, (await _server.Store.GetJobAsync(second, CancellationToken.None))!.State);

        Assert.Equal(HttpStatusCode.OK, (await acme.PostAsync($"/api/v1/jobs/{first}/cancel", null)).StatusCode);
        await _server.WaitForJobAsync(second, j => j.State == JobState.Placed);
    }

    private async Task SetLimitsAsync(string tenant, string body)
    {
        var response = await _server.Admin.PutAsync($"/api/v1/tenants/{tenant}/limits", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<IReadOnlyList<JobRecord>> PlacedAsync(string tenant) =>
        await _server.Store.ListJobsAsync(new JobQuery(Tenant: tenant, State: JobState.Placed, Limit: 1000), CancellationToken.None);

    private async Task<IReadOnlyList<JobRecord>> WaitForPlacedAsync(string tenant, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var placed = await PlacedAsync(tenant);
            if (placed.Count >= count)
            {
                return placed;
            }

            await Task.Delay(5, timeout.Token);
        }
    }
}
