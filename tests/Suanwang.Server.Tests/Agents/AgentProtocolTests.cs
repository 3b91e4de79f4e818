using System.Net;
using System.Net.Http.Json;
using Suanwang.Core.Jobs;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Agents;

public sealed class AgentProtocolTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _acme = null!;
    private long _epoch;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _epoch = (await _server.RegisterAsync(Specs.Site("cn-a"))).Epoch;
        _acme = await _server.TenantAsync("acme");
    }

    public async Task DisposeAsync()
    {
        _acme.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Heartbeat_HandsOutOnlyPlacementsAlreadyRecorded()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var placed = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);

        var reply = await _server.HeartbeatOkAsync("cn-a", _epoch);

        var assignment = Assert.Single(reply.Assignments);
        Assert.Equal(id, assignment.Job);
        Assert.Equal(placed.Fence, assignment.Fence);
        Assert.Equal(1, assignment.Fence);
        Assert.Equal("echo hello", assignment.Run);
        Assert.Equal((1, 2, "0,1"), (assignment.Nodes, assignment.CardsPerNode, assignment.Devices));
        Assert.Contains((await _server.Store.ListEventsAsync(id, CancellationToken.None)), e => e.Kind == "dispatched" && e.Message.EndsWith("devices 0,1 (fence 1)", StringComparison.Ordinal));
        Assert.Empty(reply.Stop);
    }

    [Fact]
    public async Task Heartbeat_GivesJobsOnOneNodeDistinctDevices()
    {
        var first = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", name: "a"));
        var second = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme", name: "b", cards: 4));
        await _server.WaitForJobAsync(second, j => j.State == JobState.Placed);
        await _server.WaitForJobAsync(first, j => j.State == JobState.Placed);

        var reply = await _server.HeartbeatOkAsync("cn-a", _epoch);

        Assert.Equal(["0,1", "2,3,4,5"], reply.Assignments.OrderBy(a => a.Job).Select(a => a.Devices));
    }

    [Fact]
    public async Task Reports_StartedLogExited_FinishTheJobWithItsOutput()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        var at = _server.Time.GetUtcNow();

        var started = await _server.ReportAsync("cn-a", _epoch, new RunReport(id, job.Fence, ReportKind.Started, at));
        var whileRunning = await _server.HeartbeatOkAsync("cn-a", _epoch, new RunningJob(id, job.Fence));
        var ended = await _server.ReportAsync(
            "cn-a",
            _epoch,
            new RunReport(id, job.Fence, ReportKind.Log, at, Offset: 0, Text: "hello\n"),
            new RunReport(id, job.Fence, ReportKind.Exited, at, ExitCode: 0, AcceleratorSeconds: 20));

        Assert.Equal([new ReportResult(id, true, false)], started.Results);
        Assert.Empty(whileRunning.Assignments);
        Assert.Empty(whileRunning.Stop);
        Assert.All(ended.Results, r => Assert.True(r.Accepted));
        var done = await _server.Store.GetJobAsync(id, CancellationToken.None);
        Assert.Equal((JobState.Succeeded, 0, 20.0), (done!.State, done.ExitCode, done.AcceleratorSeconds));
        Assert.Equal("hello\n", await _acme.GetStringAsync($"/api/v1/jobs/{id}/logs"));
        var events = await _server.Store.ListEventsAsync(id, CancellationToken.None);
        Assert.Equal(["submitted", "placed", "dispatched", "started", "exited"], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task Report_NotStarted_PlacesTheJobAgainUnderANewFence()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);

        var reply = await _server.ReportAsync("cn-a", _epoch, new RunReport(id, job.Fence, ReportKind.NotStarted, _server.Time.GetUtcNow(), Reason: "never ran"));
        var again = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed && j.Fence > job.Fence);

        Assert.Equal([new ReportResult(id, true, false)], reply.Results);
        Assert.Equal(job.Fence + 1, again.Fence);
        var events = await _server.WaitForEventsAsync(id, e => e.Count(k => k.Kind == "dispatched") == 2);
        Assert.Equal(["submitted", "placed", "dispatched", "preempted", "placed", "dispatched"], events.Select(e => e.Kind));
        Assert.Equal("the dispatch to site cn-a never started", events[3].Message);
    }

    [Fact]
    public async Task Report_WithStaleFence_IsRefusedAndTheAgentToldToStop()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);

        var reply = await _server.ReportAsync("cn-a", _epoch, new RunReport(id, job.Fence + 5, ReportKind.Exited, _server.Time.GetUtcNow(), ExitCode: 0));

        Assert.Equal([new ReportResult(id, false, true)], reply.Results);
        Assert.Equal(JobState.Placed, (await _server.Store.GetJobAsync(id, CancellationToken.None))!.State);
        Assert.Contains(await _server.Store.ListEventsAsync(id, CancellationToken.None), e => e.Kind == "stale-report");
    }

    [Fact]
    public async Task CancelledRunningJob_GetsAStopOrder()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        await _server.ReportAsync("cn-a", _epoch, new RunReport(id, job.Fence, ReportKind.Started, _server.Time.GetUtcNow()));
        await _acme.PostAsync($"/api/v1/jobs/{id}/cancel", null);

        var reply = await _server.HeartbeatOkAsync("cn-a", _epoch, new RunningJob(id, job.Fence));

        var stop = Assert.Single(reply.Stop);
        Assert.Equal((id, job.Fence, "cancelled"), (stop.Job, stop.Fence, stop.Reason));
    }

    [Fact]
    public async Task CancelledRun_ItsExitReport_IsNotedAsStoppedNotAsStale()
    {
        var id = await TestServer.SubmitOkAsync(_acme, Specs.Job("acme"));
        var job = await _server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        await _server.ReportAsync("cn-a", _epoch, new RunReport(id, job.Fence, ReportKind.Started, _server.Time.GetUtcNow()));
        await _acme.PostAsync($"/api/v1/jobs/{id}/cancel", null);

        var reply = await _server.ReportAsync("cn-a", _epoch, new RunReport(id, job.Fence, ReportKind.Exited, _server.Time.GetUtcNow(), ExitCode: 143));

        Assert.Equal([new ReportResult(id, false, true)], reply.Results);
        var events = await _server.Store.ListEventsAsync(id, CancellationToken.None);
        Assert.DoesNotContain(events, e => e.Kind == "stale-report");
        var stopped = Assert.Single(events, e => e.Kind == "stopped");
        Assert.Equal("site cn-a stopped the cancelled run (exit code 143)", stopped.Message);
        Assert.Equal(JobState.Cancelled, (await _server.Store.GetJobAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Heartbeat_WithEpochOfReplacedAgent_Is409()
    {
        var newer = await _server.RegisterAsync(Specs.Site("cn-a"));

        var response = await _server.HeartbeatAsync("cn-a", _epoch);

        Assert.Equal(_epoch + 1, newer.Epoch);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("epoch", (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Register_BadSite_Is400NamingTheField()
    {
        var response = await _server.Admin.PostAsJsonAsync(
            "/api/v1/agents/register",
            new AgentRegistration(Specs.Site("cn-x", model: "TPU-v9"), "local", "h"),
            ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TestServer.ProblemAsync(response);
        Assert.Equal("site.pools[0].model", problem.GetProperty("field").GetString());
        Assert.Equal(7, problem.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task AgentEndpoints_NeedAnAdminKey()
    {
        var response = await _acme.PostAsJsonAsync("/api/v1/agents/register", new AgentRegistration(Specs.Site("cn-z"), "local", "h"), ProtocolJson.Options);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await TestServer.ProblemAsync(response);
        Assert.Null(await _server.Store.GetSiteAsync("cn-z", CancellationToken.None));
    }
}
