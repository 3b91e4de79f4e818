using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Agents;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Failover;

public sealed class FailoverTests
{
    [Fact]
    public async Task SilentSite_IsMarkedDown_AndItsJobMovesWithAHigherFence_AndTheOldAgentIsToldToStop()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.RegisterAsync(Specs.Site("cn-a", price: 5));
        var b = await server.RegisterAsync(Specs.Site("cn-b", price: 10));
        using var acme = await server.TenantAsync("acme");
        var id = await TestServer.SubmitOkAsync(acme, Specs.Job("acme"));
        var first = await server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        Assert.Equal("cn-a", first.Site);
        await server.ReportAsync("cn-a", a.Epoch, new RunReport(id, first.Fence, ReportKind.Started, server.Time.GetUtcNow()));

        server.Time.Advance(TimeSpan.FromSeconds(20));
        await server.HeartbeatOkAsync("cn-b", b.Epoch);
        server.Time.Advance(TimeSpan.FromSeconds(11));
        await Monitor(server).CheckAsync(CancellationToken.None);
        var moved = await server.WaitForJobAsync(id, j => j.State == JobState.Placed && j.Site == "cn-b");

        Assert.False((await server.Store.GetSiteAsync("cn-a", CancellationToken.None))!.Up);
        Assert.True(moved.Fence > first.Fence);
        var events = await server.Store.ListEventsAsync(id, CancellationToken.None);
        Assert.Equal(["site cn-a silent for 30 s"], events.Where(e => e.Kind == "preempted").Select(e => e.Message));
        var assignment = Assert.Single((await server.HeartbeatOkAsync("cn-b", b.Epoch)).Assignments);
        Assert.Equal(moved.Fence, assignment.Fence);

        // The old agent comes back: refused until it registers again, then told to stop its stale run.
        var refused = await server.HeartbeatAsync("cn-a", a.Epoch, new RunningJob(id, first.Fence));
        var again = await server.RegisterAsync(Specs.Site("cn-a", price: 5));
        var reply = await server.HeartbeatOkAsync("cn-a", again.Epoch, new RunningJob(id, first.Fence));
        var late = await server.ReportAsync("cn-a", again.Epoch, new RunReport(id, first.Fence, ReportKind.Exited, server.Time.GetUtcNow(), ExitCode: 0));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var stop = Assert.Single(reply.Stop);
        Assert.Equal((id, first.Fence), (stop.Job, stop.Fence));
        Assert.Empty(reply.Assignments);
        Assert.Equal([new ReportResult(id, false, true)], late.Results);
        Assert.Equal(JobState.Placed, (await server.Store.GetJobAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Monitor_RunsByItself_OnTheServersClock()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAsync(Specs.Site("cn-a"));

        await server.AdvanceUntilAsync(
            async () => !(await server.Store.GetSiteAsync("cn-a", CancellationToken.None))!.Up,
            TimeSpan.FromSeconds(1),
            maxSteps: 60);

        Assert.True(server.Time.GetUtcNow() - TestServer.Start > TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task SiteHeardWithinTheTimeout_StaysUp()
    {
        await using var server = await TestServer.StartAsync();
        var a = await server.RegisterAsync(Specs.Site("cn-a"));

        for (var i = 0; i < 4; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(20));
            await server.HeartbeatOkAsync("cn-a", a.Epoch);
        }

        await Monitor(server).CheckAsync(CancellationToken.None);
        Assert.True((await server.Store.GetSiteAsync("cn-a", CancellationToken.None))!.Up);
    }

    private static FailoverMonitor Monitor(TestServer server) => server.Server.Services.GetRequiredService<FailoverMonitor>();
}
