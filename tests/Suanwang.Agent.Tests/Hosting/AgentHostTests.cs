using Suanwang.Agent.Backends;
using Suanwang.Agent.Journal;
using Suanwang.Agent.Server;
using Suanwang.Agent.Tests.Fakes;
using Suanwang.Client;
using Suanwang.Protocol.Agents;
using Suanwang.Testing;

namespace Suanwang.Agent.Tests.Hosting;

public sealed partial class AgentHostTests : IDisposable
{
    private const string SiteYaml = "id: cn-test-1\nowner: Test\njurisdiction: CN\ntier: edge\ncarbon: 500\npools:\n  - { model: H100, cards_per_node: 8, nodes: 1, price: 3 }\n";

    private readonly TempFolder _work = new();
    private readonly ManualTimeProvider _time = new();
    private readonly FakeServer _server = new();
    private readonly FakeBackend _backend;

    public AgentHostTests()
    {
        _backend = new FakeBackend(_time);
    }

    public void Dispose() => _work.Dispose();

    private AgentHost NewHost() => new(_server, _backend, SiteYaml, _work.Path, _time, TimeSpan.FromSeconds(5));

    private static Assignment Job(long job, long fence = 1, int cards = 2, int nodes = 1, string run = "train.sh") =>
        new(job, fence, $"job-{job}", run, nodes, cards, "0,1", null);

    [Fact]
    public async Task FirstTick_RegistersSiteAndHeartbeatsWithNothingRunning()
    {
        await using var host = NewHost();

        await host.TickAsync(CancellationToken.None);

        var registration = Assert.Single(_server.Registrations);
        Assert.Equal(SiteYaml, registration.Site);
        Assert.Equal("local", registration.Backend);
        Assert.True(host.IsRegistered);
        Assert.Equal("cn-test-1", host.SiteId);
        var heartbeat = Assert.Single(_server.Heartbeats);
        Assert.Equal(1, heartbeat.Epoch);
        Assert.Empty(heartbeat.Running);
    }

    [Fact]
    public async Task Heartbeat_WaitsForItsIntervalThenListsRunningDispatches()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(7, fence: 3));
        await host.TickAsync(CancellationToken.None);

        _time.Advance(4.9);
        await host.TickAsync(CancellationToken.None);
        Assert.Single(_server.Heartbeats);

        _time.Advance(0.1);
        await host.TickAsync(CancellationToken.None);
        Assert.Equal(2, _server.Heartbeats.Count);
        Assert.Equal([new RunningJob(7, 3)], _server.Heartbeats[1].Running);
    }

    [Fact]
    public async Task Assignment_IsStartedOnceAndReportedStarted()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));

        await host.TickAsync(CancellationToken.None);

        Assert.Single(_backend.Started);
        var started = Assert.Single(_server.Reports);
        Assert.Equal((1L, 1L, ReportKind.Started, _time.GetUtcNow()), (started.Job, started.Fence, started.Kind, started.At));
    }

    [Fact]
    public async Task RepeatedAssignment_IsNotStartedAgain_ButReportedStartedAgain()
    {
        await using var host = NewHost();
        var assignment = Job(1);
        _server.Offered.Add(assignment);
        await host.TickAsync(CancellationToken.None);

        // As if the server lost the started report in a crash and offers the dispatch again.
        _server.Offered.Add(assignment);
        _time.Advance(5);
        await host.TickAsync(CancellationToken.None);
        _server.Offered.Add(assignment);
        _time.Advance(5);
        await host.TickAsync(CancellationToken.None);

        Assert.Single(_backend.Started);
        Assert.Equal(3, _server.ReportsFor(1).Count(r => r.Kind == ReportKind.Started));
    }

    [Fact]
    public async Task SameJobWithNewFence_IsANewDispatch()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1, fence: 1));
        await host.TickAsync(CancellationToken.None);
        _server.Offered.Add(Job(1, fence: 2));
        _time.Advance(5);

        await host.TickAsync(CancellationToken.None);

        Assert.Equal([1L, 2L], _backend.Started.Select(a => a.Fence));
    }

    [Fact]
    public async Task Exit_IsReportedWithExitCodeAndAcceleratorSeconds()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1, cards: 4, nodes: 2));
        await host.TickAsync(CancellationToken.None);

        _time.Advance(90);
        _backend.RunOf(1).Status = RunStatus.Exited(3);
        await host.TickAsync(CancellationToken.None);

        var exited = _server.ReportsFor(1)[^1];
        Assert.Equal(ReportKind.Exited, exited.Kind);
        Assert.Equal(3, exited.ExitCode);
        Assert.Equal(4 * 2 * 90.0, exited.AcceleratorSeconds);
        Assert.Null(exited.Reason);
        Assert.Empty(host.Running);
    }

    [Fact]
    public async Task Exit_UsesTheBackendsWallSecondsWhenItKnowsThem()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1, cards: 2));
        await host.TickAsync(CancellationToken.None);

        _time.Advance(100);
        _backend.RunOf(1).Status = RunStatus.Exited(0, wallSeconds: 40);
        await host.TickAsync(CancellationToken.None);

        Assert.Equal(80.0, _server.ReportsFor(1)[^1].AcceleratorSeconds);
    }

    [Fact]
    public async Task Output_IsStreamedAsLogReportsWithByteOffsets_BeforeTheExit()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);

        run.Write("epoch 1 loss 0.9\n");
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);
        run.Write("épocha 2\n");
        run.Status = RunStatus.Exited(0);
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);

        var reports = _server.ReportsFor(1);
        Assert.Equal([ReportKind.Started, ReportKind.Log, ReportKind.Log, ReportKind.Exited], reports.Select(r => r.Kind));
        Assert.Equal((0L, "epoch 1 loss 0.9\n"), (reports[1].Offset!.Value, reports[1].Text!));
        Assert.Equal((17L, "épocha 2\n"), (reports[2].Offset!.Value, reports[2].Text!));
    }

    [Fact]
    public async Task StopOrder_KillsTheRunAndItsExitSaysWhy()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1, fence: 4));
        await host.TickAsync(CancellationToken.None);

        _server.StopOrders.Add(new StopOrder(1, 4, "cancelled by the user"));
        _time.Advance(5);
        await host.TickAsync(CancellationToken.None);
        await host.TickAsync(CancellationToken.None);

        Assert.Equal(["stopped by the server: cancelled by the user"], _backend.RunOf(1).Stops);
        var exited = _server.ReportsFor(1)[^1];
        Assert.Equal(ReportKind.Exited, exited.Kind);
        Assert.Null(exited.ExitCode);
        Assert.Equal("stopped by the server: cancelled by the user", exited.Reason);
    }

    [Fact]
    public async Task StopOrder_ForAnotherFenceOfTheJob_LeavesTheRunAlone()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1, fence: 4));
        await host.TickAsync(CancellationToken.None);

        _server.StopOrders.Add(new StopOrder(1, 3, "moved"));
        _time.Advance(5);
        await host.TickAsync(CancellationToken.None);

        Assert.Empty(_backend.RunOf(1).Stops);
    }

    [Fact]
    public async Task StaleFenceAnswer_KillsTheRunAndNothingMoreIsReported()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1, fence: 2));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);

        // The job was moved elsewhere while this agent was away: its next report is refused.
        _server.StaleFences.Add((1, 2));
        run.Write("still here\n");
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);
        Assert.Single(run.Stops);

        run.Write("more\n");
        _time.Advance(5);
        await host.TickAsync(CancellationToken.None);
        await host.TickAsync(CancellationToken.None);

        Assert.Equal([ReportKind.Started, ReportKind.Log], _server.ReportsFor(1).Select(r => r.Kind));
        Assert.Empty(host.Running);
        Assert.Empty(_server.Heartbeats[^1].Running);
    }

    [Fact]
    public async Task ReportAnswerWithStop_KillsTheRun()
    {
        await using var host = NewHost();
        _server.StopFences.Add((1, 1));
        _server.Offered.Add(Job(1));

        await host.TickAsync(CancellationToken.None);
        await host.TickAsync(CancellationToken.None);

        Assert.Equal(["stopped by the server"], _backend.RunOf(1).Stops);
        Assert.Equal(ReportKind.Exited, _server.ReportsFor(1)[^1].Kind);
    }

    [Fact]
    public async Task ReportsWhileTheServerIsDown_AreDeliveredInOrderWhenItReturns()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);
        var run = _backend.RunOf(1);
        var delivered = _server.Reports.Count();

        _server.Down = true;
        run.Write("one\n");
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);
        run.Write("two\n");
        _time.Advance(3);
        await host.TickAsync(CancellationToken.None);
        run.Status = RunStatus.Exited(0);
        _time.Advance(10);
        await host.TickAsync(CancellationToken.None);
        Assert.Equal(delivered, _server.Reports.Count());
        Assert.Equal(3, host.PendingReports);

        _server.Down = false;
        _time.Advance(30);
        await host.TickAsync(CancellationToken.None);

        var late = _server.ReportsFor(1).Skip(delivered).ToList();
        Assert.Equal([ReportKind.Log, ReportKind.Log, ReportKind.Exited], late.Select(r => r.Kind));
        Assert.Equal([0L, 4L], late.Take(2).Select(r => r.Offset!.Value));
        Assert.Equal("one\ntwo\n", string.Concat(late.Take(2).Select(r => r.Text)));
        Assert.Equal(0, late[2].ExitCode);
        Assert.Equal(0, host.PendingReports);
    }

    [Fact]
    public async Task ServerDown_BacksOffBeforeTryingAgain()
    {
        await using var host = NewHost();
        _server.Down = true;
        await host.TickAsync(CancellationToken.None);
        _server.Down = false;

        _time.Advance(0.5);
        await host.TickAsync(CancellationToken.None);
        Assert.Empty(_server.Registrations);

        _time.Advance(0.5);
        await host.TickAsync(CancellationToken.None);
        Assert.Single(_server.Registrations);
    }

    [Fact]
    public async Task RefusedRegistration_EndsTheAgent()
    {
        await using var host = NewHost();
        _server.Refuse = ("register", 400);

        var error = await Assert.ThrowsAsync<ApiException>(() => host.TickAsync(CancellationToken.None));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public async Task RefusedHeartbeat_LeavesTheJobsRunningAndTriesAgainLater()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);

        _server.Refuse = ("heartbeat", 400);
        _time.Advance(5);
        await host.TickAsync(CancellationToken.None);
        _server.Refuse = null;
        _backend.RunOf(1).Status = RunStatus.Exited(0);
        _time.Advance(1);
        await host.TickAsync(CancellationToken.None);
        Assert.Equal(ReportKind.Started, _server.ReportsFor(1)[^1].Kind);

        _time.Advance(30);
        await host.TickAsync(CancellationToken.None);

        Assert.Empty(_backend.RunOf(1).Stops);
        Assert.Equal(ReportKind.Exited, _server.ReportsFor(1)[^1].Kind);
    }

    [Fact]
    public async Task RevokedKey_EndsTheAgent()
    {
        await using var host = NewHost();
        await host.TickAsync(CancellationToken.None);
        _server.Refuse = ("heartbeat", 401);
        _time.Advance(5);

        Assert.False((await Assert.ThrowsAsync<ApiException>(() => host.TickAsync(CancellationToken.None))).IsUnavailable);
    }

    [Fact]
    public async Task StaleEpoch_RegistersAgainAndCarriesOn()
    {
        await using var host = NewHost();
        _server.Offered.Add(Job(1));
        await host.TickAsync(CancellationToken.None);

        _server.StaleOnNextHeartbeat = true;
        _time.Advance(5);
        await host.TickAsync(CancellationToken.None);
        Assert.False(host.IsRegistered);
        await host.TickAsync(CancellationToken.None);

        Assert.Equal(2, _server.Registrations.Count);
        Assert.Equal(2, host.Epoch);
        Assert.Equal([new RunningJob(1, 1)], _server.Heartbeats[^1].Running);
        Assert.Single(_backend.Started);
    }
}
