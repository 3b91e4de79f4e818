using System.Net;
using Suanwang.Core.Jobs;
using Suanwang.Protocol.Agents;
using Suanwang.Server.Tests.Hosting;

namespace Suanwang.Server.Tests.Scheduling;

/// <summary>Preemption of jobs that checkpoint through the server: the scheduler's decision, the agent protocol, the admin route.</summary>
public sealed class PreemptionTests
{
    private static string Preemptible(string name, int priority = 0) =>
        Specs.Job("acme", name: name, cards: 8) + $"\npreemptible: true\ngrace: 40s\npriority: {priority}";

    private static async Task<(TestServer Server, HttpClient Acme, AgentRegistered Site)> StartAsync()
    {
        var server = await TestServer.StartAsync();
        var site = await server.RegisterAsync(Specs.Site("cn-a"));
        var acme = await server.TenantAsync("acme");
        return (server, acme, site);
    }

    private static async Task RunAsync(TestServer server, AgentRegistered site, long id)
    {
        var job = await server.WaitForJobAsync(id, j => j.State == JobState.Placed);
        var reply = await server.ReportAsync("cn-a", site.Epoch, new RunReport(id, job.Fence, ReportKind.Started, server.Time.GetUtcNow()));
        Assert.True(Assert.Single(reply.Results).Accepted);
    }

    // Lets the run reach PreemptAfter (30 s) with the agent heartbeating all along, so the site stays up.
    private static async Task RunForAsync(TestServer server, AgentRegistered site, long id, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(1));
            await server.HeartbeatOkAsync("cn-a", site.Epoch, new RunningJob(id, 1));
        }
    }

    [Fact]
    public async Task HigherPriorityJob_PreemptsARunningPreemptibleJob_WhichIsRequeuedWhenItsRunEnds()
    {
        var (server, acme, site) = await StartAsync();
        await using var _ = server;
        using var __ = acme;
        var low = await TestServer.SubmitOkAsync(acme, Preemptible("low"));
        await server.WaitForJobAsync(low, j => j.State == JobState.Placed);
        var firstAssignment = Assert.Single((await server.HeartbeatOkAsync("cn-a", site.Epoch)).Assignments);
        Assert.Equal((40.0, (long?)null), (firstAssignment.GraceSeconds!.Value, firstAssignment.LogOffset));
        await RunAsync(server, site, low);
        await RunForAsync(server, site, low, 31);

        var urgent = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", name: "urgent", cards: 8) + "\npriority: 5");

        await server.WaitForJobAsync(urgent, j => j.State == JobState.Placed);
        var preempted = await server.Store.GetJobAsync(low, CancellationToken.None);
        Assert.Equal(JobState.Preempted, preempted!.State);
        Assert.StartsWith($"preempted for job {urgent} (priority 5 over 0)", preempted.Reason, StringComparison.Ordinal);
        var reply = await server.HeartbeatOkAsync("cn-a", site.Epoch, new RunningJob(low, 1));
        Assert.Contains(reply.Stop, s => s.Job == low && s.Fence == 1);
        Assert.DoesNotContain(reply.Assignments, a => a.Job == low);

        // The stopped run checkpoints, says so in its output, and ends.
        var at = server.Time.GetUtcNow();
        var ended = await server.ReportAsync(
            "cn-a",
            site.Epoch,
            new RunReport(low, 1, ReportKind.Log, at, Offset: 0, Text: "checkpointed\n"),
            new RunReport(low, 1, ReportKind.Exited, at, ExitCode: 0, AcceleratorSeconds: 8));

        Assert.All(ended.Results, r => Assert.True(r.Accepted));
        var requeued = await server.Store.GetJobAsync(low, CancellationToken.None);
        Assert.Equal(JobState.Queued, requeued!.State);
        var kinds = (await server.Store.ListEventsAsync(low, CancellationToken.None)).Select(e => e.Kind).ToList();
        Assert.Equal(["preempted", "requeued"], kinds.Skip(kinds.IndexOf("preempted")));
        Assert.Equal("checkpointed\n", await acme.GetStringAsync($"/api/v1/jobs/{low}/logs"));
    }

    [Fact]
    public async Task LowerPriorityJobOfAnotherTenant_IsNotPreemptedUnderFairShare()
    {
        var (server, acme, site) = await StartAsync();
        await using var _ = server;
        using var __ = acme;
        using var beta = await server.TenantAsync("beta");
        var low = await TestServer.SubmitOkAsync(acme, Preemptible("low"));
        await RunAsync(server, site, low);
        await RunForAsync(server, site, low, 31);

        var other = await TestServer.SubmitOkAsync(beta, Specs.Job("beta", name: "other", cards: 8) + "\npriority: 100");

        await server.AdvanceUntilAsync(async () => (await server.Store.ListEventsAsync(other, CancellationToken.None)).Count > 0, TimeSpan.FromMilliseconds(200), 20);
        server.Time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        Assert.Equal(JobState.Running, (await server.Store.GetJobAsync(low, CancellationToken.None))!.State);
        Assert.Equal(JobState.Queued, (await server.Store.GetJobAsync(other, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task StopNeverConfirmed_IsRequeuedByTheSchedulerAfterGraceAndSlack()
    {
        var (server, acme, site) = await StartAsync();
        await using var _ = server;
        using var __ = acme;
        var low = await TestServer.SubmitOkAsync(acme, Preemptible("low"));
        await RunAsync(server, site, low);

        using var response = await server.Admin.PostAsync(new Uri($"/api/v1/jobs/{low}/preempt", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JobState.Preempted, (await server.Store.GetJobAsync(low, CancellationToken.None))!.State);
        await server.AdvanceUntilAsync(
            async () => (await server.Store.GetJobAsync(low, CancellationToken.None))!.State is JobState.Queued or JobState.Placed,
            TimeSpan.FromSeconds(5),
            maxSteps: 40);
        var events = await server.Store.ListEventsAsync(low, CancellationToken.None);
        var requeued = Assert.Single(events, e => e.Kind == "requeued");
        Assert.Contains("did not confirm the stop", requeued.Message, StringComparison.Ordinal);
        var preempted = Assert.Single(events, e => e.Kind == "preempted");
        Assert.True((requeued.At - preempted.At).TotalSeconds >= 40 + 30, "requeued before the grace period and the slack had passed");
    }

    [Fact]
    public async Task PreemptRoute_RefusesAJobThatDoesNotCheckpoint_AndTenants()
    {
        var (server, acme, site) = await StartAsync();
        await using var _ = server;
        using var __ = acme;
        var plain = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", name: "plain", cards: 8));
        await RunAsync(server, site, plain);

        using var refused = await server.Admin.PostAsync(new Uri($"/api/v1/jobs/{plain}/preempt", UriKind.Relative), null);
        using var forbidden = await acme.PostAsync(new Uri($"/api/v1/jobs/{plain}/preempt", UriKind.Relative), null);
        using var missing = await server.Admin.PostAsync(new Uri("/api/v1/jobs/999/preempt", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("preemptible", (await TestServer.ProblemAsync(refused)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(JobState.Running, (await server.Store.GetJobAsync(plain, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Progress_OfARunningJob_IsRecordedOnceAMinute_AndBoundsNameTheirField()
    {
        var (server, acme, site) = await StartAsync();
        await using var _ = server;
        using var __ = acme;
        var id = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", name: "elastic", cards: 2) + "\nelastic: {min_cards: 1, max_cards: 4}");
        using var early = await acme.PostAsync(new Uri($"/api/v1/jobs/{id}/progress", UriKind.Relative), Json("{\"cards\": 2, \"steps_per_second\": 3.5}"));
        await RunAsync(server, site, id);

        using var ok = await acme.PostAsync(new Uri($"/api/v1/jobs/{id}/progress", UriKind.Relative), Json("{\"cards\": 2, \"steps_per_second\": 3.5}"));
        using var again = await acme.PostAsync(new Uri($"/api/v1/jobs/{id}/progress", UriKind.Relative), Json("{\"cards\": 2, \"steps_per_second\": 3.6}"));
        using var cards = await acme.PostAsync(new Uri($"/api/v1/jobs/{id}/progress", UriKind.Relative), Json("{\"cards\": 4, \"steps_per_second\": 3.5}"));
        using var rate = await acme.PostAsync(new Uri($"/api/v1/jobs/{id}/progress", UriKind.Relative), Json("{\"cards\": 2, \"steps_per_second\": 0}"));

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal("cards", (await TestServer.ProblemAsync(cards)).GetProperty("field").GetString());
        Assert.Equal("steps_per_second", (await TestServer.ProblemAsync(rate)).GetProperty("field").GetString());
        var progress = Assert.Single(await server.Store.ListEventsAsync(id, CancellationToken.None), e => e.Kind == "progress");
        Assert.Equal("3.5 steps/s on 2 cards", progress.Message);
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");
}
