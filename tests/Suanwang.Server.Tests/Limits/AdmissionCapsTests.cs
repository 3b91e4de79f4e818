using System.Net;
using System.Net.Http.Json;
using System.Text;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Server.Tests.Market;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Limits;

/// <summary>Caps at admission: a tenant's maximum priority, queued jobs and open orders, checked one request at a time per tenant.</summary>
public sealed class AdmissionCapsTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    private TestServer Server => _market.Server;

    public async Task InitializeAsync() => _market = await MarketServer.StartAsync(nodes: 1);

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task Submit_AbovePriorityMaximum_Is400NamingPriorityAndTheMaximum_AndStoresNothing()
    {
        await SetLimitsAsync("""{"max_priority": 7}""");

        var refused = await TestServer.SubmitAsync(_market.Acme, Specs.Job("acme") + "\npriority: 8");
        var atMaximum = await TestServer.SubmitAsync(_market.Acme, Specs.Job("acme") + "\npriority: 7");
        var byAdmin = await TestServer.SubmitAsync(Server.Admin, Specs.Job("acme") + "\npriority: 1000");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await TestServer.ProblemAsync(refused);
        Assert.Equal("priority", problem.GetProperty("field").GetString());
        Assert.Equal("7", problem.GetProperty("max_priority").GetString());
        Assert.Equal(HttpStatusCode.Created, atMaximum.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.Equal(2, (await JobsOfAcmeAsync()).Count);
    }

    [Fact]
    public async Task Submit_OverQueuedJobsCap_Is429NamingTheCapAndCount_AndStoresNothing()
    {
        await SetLimitsAsync("""{"max_queued_jobs": 2, "max_cards": 0}""");
        await TestServer.SubmitOkAsync(_market.Acme, Specs.Job("acme", "a"));
        await TestServer.SubmitOkAsync(_market.Acme, Specs.Job("acme", "b"));

        var refused = await TestServer.SubmitAsync(_market.Acme, Specs.Job("acme", "c"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await TestServer.ProblemAsync(refused);
        Assert.Equal("max_queued_jobs", problem.GetProperty("field").GetString());
        Assert.Equal("max_queued_jobs", problem.GetProperty("limit").GetString());
        Assert.Equal("2", problem.GetProperty("max_queued_jobs").GetString());
        Assert.Equal("2", problem.GetProperty("current").GetString());
        Assert.Equal(["b", "a"], (await JobsOfAcmeAsync()).Select(j => j.Name));
    }

    [Fact]
    public async Task ConcurrentSubmissions_UnderACapOfOne_AdmitExactlyOne()
    {
        await SetLimitsAsync("""{"max_queued_jobs": 1, "max_cards": 0, "burst": 100}""");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => TestServer.SubmitAsync(_market.Acme, Specs.Job("acme", $"race-{i}"))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Single(await JobsOfAcmeAsync());
    }

    [Fact]
    public async Task ConcurrentOrders_UnderAnOpenOrdersCapOfOne_PlaceExactlyOne_AndARetryStillFindsIt()
    {
        await SetLimitsAsync("""{"max_open_orders": 1, "burst": 100}""");
        (await _market.TopUpAsync("acme", "1000.00")).EnsureSuccessStatusCode();
        var spec = MarketServer.Job(timeLimit: "30m", runtime: "20m");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => MarketServer.OrderAsync(_market.Acme, spec.Replace("name: train", $"name: train-{i}", StringComparison.Ordinal), $"order-{i}")));

        var placed = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.True(placed >= 0);
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        var problem = await TestServer.ProblemAsync(refused);
        Assert.Equal("max_open_orders", problem.GetProperty("field").GetString());
        Assert.Equal("1", problem.GetProperty("current").GetString());
        Assert.Single(await JobsOfAcmeAsync());
        var retry = await MarketServer.OrderAsync(_market.Acme, spec.Replace("name: train", $"name: train-{placed}", StringComparison.Ordinal), $"order-{placed}");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    private async Task SetLimitsAsync(string body)
    {
        var response = await Server.Admin.PutAsync("/api/v1/tenants/acme/limits", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<IReadOnlyList<JobRecord>> JobsOfAcmeAsync() =>
        Server.Store.ListJobsAsync(new JobQuery(Tenant: "acme"), CancellationToken.None);
}
