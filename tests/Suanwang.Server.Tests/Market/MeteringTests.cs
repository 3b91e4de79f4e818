using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Protocol.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Server.Tests.Market;

/// <summary>Each run of a job is metered once, at the price of the pool it ran on.</summary>
public sealed class MeteringTests : IAsyncLifetime
{
    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync();
        (await _market.TopUpAsync("acme", "100.00")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    [Fact]
    public async Task RepeatedExitReport_IsMeteredOnce()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        var job = await _market.Server.WaitForJobAsync(order.Job!.Value, j => j.State == JobState.Placed);
        var at = _market.Server.Time.GetUtcNow();

        await _market.Server.ReportAsync("cn-a", _market.Epoch, new RunReport(job.Id, job.Fence, ReportKind.Started, at));
        await _market.Server.ReportAsync("cn-a", _market.Epoch, new RunReport(job.Id, job.Fence, ReportKind.Exited, at.AddMinutes(30), ExitCode: 0, AcceleratorSeconds: 3600));
        await _market.Server.ReportAsync("cn-a", _market.Epoch, new RunReport(job.Id, job.Fence, ReportKind.Exited, at.AddMinutes(40), ExitCode: 0, AcceleratorSeconds: 4800));
        await _market.SettleAsync();

        var run = Assert.Single(await _market.Server.Store.ListUsageAsync(job.Id, CancellationToken.None));
        Assert.Equal((3600.0, 1000L), (run.AcceleratorSeconds, run.Charge));
        Assert.Equal("90.00", (await _market.BalanceAsync()).Available);
    }

    [Fact]
    public async Task CancelledWhilePlaced_TheRunItsSiteHadStarted_IsMeteredAndCharged()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        var job = await _market.Server.WaitForJobAsync(order.Job!.Value, j => j.State == JobState.Placed);
        var cards = job.CardsPerNode * job.Nodes!.Count;
        var at = _market.Server.Time.GetUtcNow();

        // The agent took the dispatch and started the run; the cancel came before its started report.
        (await _market.Acme.PostAsync($"/api/v1/jobs/{job.Id}/cancel", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, await _market.SettleAsync());
        await _market.Server.ReportAsync("cn-a", _market.Epoch, new RunReport(job.Id, job.Fence, ReportKind.Started, at));
        await _market.Server.ReportAsync("cn-a", _market.Epoch, new RunReport(job.Id, job.Fence, ReportKind.Exited, at.AddMinutes(30), ExitCode: 143, AcceleratorSeconds: cards * 1800.0));
        Assert.Equal(1, await _market.SettleAsync());

        var run = Assert.Single(await _market.Server.Store.ListUsageAsync(job.Id, CancellationToken.None));
        Assert.Equal((UsageOutcomes.Cancelled, cards * 1800.0, (DateTimeOffset?)at), (run.Outcome, run.AcceleratorSeconds, run.StartedAt));
        Assert.Equal(cards * 1800.0, (await _market.Server.Store.GetJobAsync(job.Id, CancellationToken.None))!.AcceleratorSeconds);
        // 2 cards for half an hour at 10 CNY per card-hour.
        var settled = await _market.Acme.GetFromJsonAsync<OrderView>($"/api/v1/orders/{order.Id}", ProtocolJson.Options);
        Assert.Equal("10.00", settled!.Charged);
        Assert.Equal("90.00", (await _market.BalanceAsync()).Available);
        Assert.True((await _market.VerifyAsync()).Balanced);
    }

    [Fact]
    public async Task CancelledWhilePlaced_WithNoStopReport_IsSettledAfterTheWaitWithNothingCharged()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        var job = await _market.Server.WaitForJobAsync(order.Job!.Value, j => j.State == JobState.Placed);
        (await _market.Acme.PostAsync($"/api/v1/jobs/{job.Id}/cancel", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, await _market.SettleAsync());

        var settled = await _market.SettledAfterTheStopReportWaitAsync(order.Id);

        Assert.Equal("0.00", settled.Charged);
        Assert.Equal("100.00", (await _market.BalanceAsync()).Available);
    }

    [Fact]
    public async Task RunLostWithItsSite_AndTheRerunElsewhere_AreEachChargedOnceAtTheirOwnPrice()
    {
        // A second, dearer site takes the job when the first goes silent.
        var b = await _market.Server.RegisterAsync(MarketServer.Site("cn-b").Replace("price: 10", "price: 15", StringComparison.Ordinal));
        var order = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job(), "k");
        Assert.Equal("60.00", order.Reserved);
        var first = await _market.Server.WaitForJobAsync(order.Job!.Value, j => j.State == JobState.Placed);
        Assert.Equal("cn-a", first.Site);
        await _market.Server.ReportAsync("cn-a", _market.Epoch, new RunReport(first.Id, first.Fence, ReportKind.Started, _market.Server.Time.GetUtcNow()));

        // cn-a falls silent for 31 s after the run started: the run is requeued with 2 cards x 31 s.
        _market.Server.Time.Advance(TimeSpan.FromSeconds(20));
        await _market.Server.HeartbeatOkAsync("cn-b", b.Epoch);
        _market.Server.Time.Advance(TimeSpan.FromSeconds(11));
        await _market.Server.Server.Services.GetRequiredService<FailoverMonitor>().CheckAsync(CancellationToken.None);
        var second = await _market.Server.WaitForJobAsync(first.Id, j => j.State == JobState.Placed && j.Site == "cn-b");
        var at = _market.Server.Time.GetUtcNow();
        await _market.Server.ReportAsync("cn-b", b.Epoch, new RunReport(second.Id, second.Fence, ReportKind.Started, at));
        await _market.Server.ReportAsync("cn-b", b.Epoch, new RunReport(second.Id, second.Fence, ReportKind.Exited, at.AddMinutes(30), ExitCode: 0, AcceleratorSeconds: 3600));
        // The old agent's late report of the lost run is refused and changes nothing.
        var late = await _market.Admin.PostAsJsonAsync(
            "/api/v1/agents/cn-a/reports",
            new ReportBatch(_market.Epoch, [new RunReport(first.Id, first.Fence, ReportKind.Exited, at, ExitCode: 0, AcceleratorSeconds: 9999)]),
            ProtocolJson.Options);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, late.StatusCode);
        await _market.SettleAsync();

        var runs = await _market.Server.Store.ListUsageAsync(first.Id, CancellationToken.None);
        Assert.Equal(2, runs.Count);
        Assert.Equal(("cn-a", "preempted", 62.0), (runs[0].Site, runs[0].Outcome, runs[0].AcceleratorSeconds));
        Assert.Equal(("cn-b", "succeeded", 3600.0), (runs[1].Site, runs[1].Outcome, runs[1].AcceleratorSeconds));
        // 62 card-seconds at 10 CNY = 0.17; one card-hour at 15 CNY = 15.00.
        Assert.Equal((17L, 1500L), (runs[0].Charge!.Value, runs[1].Charge!.Value));
        var settled = await _market.Acme.GetFromJsonAsync<OrderView>($"/api/v1/orders/{order.Id}", ProtocolJson.Options);
        Assert.Equal("15.17", settled!.Charged);
        Assert.Equal("84.83", (await _market.BalanceAsync()).Available);
        Assert.True((await _market.VerifyAsync()).Balanced);
    }
}
