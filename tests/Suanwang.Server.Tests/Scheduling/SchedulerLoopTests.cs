using Suanwang.Core.Jobs;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Tests.Scheduling;

public sealed class SchedulerLoopTests
{
    [Fact]
    public async Task PlacedJobWhoseDevicesWereNeverRecorded_GetsThemOnRestore_AndIsThenHandedOut()
    {
        // As for a job placed before its devices were stored with the placement.
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var at = TestServer.Start;
        var site = await store.RegisterSiteAsync("cn-a", Specs.Site("cn-a"), "local", at, CancellationToken.None);
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, at), CancellationToken.None);
        var job = await store.SubmitAsync(Specs.NewJob(Specs.Job("acme", cards: 4)), at, CancellationToken.None);
        await store.PlaceAsync(new Placement(job.Id, "cn-a", 0, [0], 4, [7, 7, 7, 7], 12m, "CNY", false), 0, at, CancellationToken.None);
        await data.ForgetDevicesAsync(job.Id);

        await using var server = await TestServer.StartAsync(store);
        await server.AdvanceUntilAsync(
            async () => (await store.ListEventsAsync(job.Id, CancellationToken.None)).Any(e => e.Kind == "dispatched"),
            TimeSpan.FromMilliseconds(200),
            maxSteps: 50);
        var reply = await server.HeartbeatOkAsync("cn-a", site.AgentEpoch);

        var assignment = Assert.Single(reply.Assignments);
        Assert.Equal((job.Id, 1L, "0,1,2,3"), (assignment.Job, assignment.Fence, assignment.Devices));
        Assert.Equal(1, await TestStore.PlacementsAsync(store));
        Assert.Equal([0, 1, 2, 3], (await store.GetJobAsync(job.Id, CancellationToken.None))!.Devices);
    }

    [Fact]
    public async Task JobNoSiteCanRun_WaitsWithAnEvent_UntilASiteThatCanRegisters()
    {
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var at = TestServer.Start;
        await store.RegisterSiteAsync("cn-a", Specs.Site("cn-a"), "local", at, CancellationToken.None);
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, at), CancellationToken.None);
        var job = await store.SubmitAsync(Specs.NewJob(Specs.Job("acme", model: "H100-SXM")), at, CancellationToken.None);

        await using var server = await TestServer.StartAsync(store);
        await server.AdvanceUntilAsync(
            async () => (await store.ListEventsAsync(job.Id, CancellationToken.None)).Any(e => e.Kind == "unschedulable"),
            TimeSpan.FromMilliseconds(200),
            maxSteps: 50);
        await server.RegisterAsync(Specs.Site("sg-b", model: "H100-SXM", jurisdiction: "SG"));

        var placed = await server.WaitForJobAsync(job.Id, j => j.State == JobState.Placed);
        Assert.Equal("sg-b", placed.Site);
    }

    [Fact]
    public async Task PlacedJobWhoseRecordedNodesNoLongerExist_IsRequeuedAndPlacedAgainUnderANewFence()
    {
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var at = TestServer.Start;
        await store.RegisterSiteAsync("cn-a", Specs.Site("cn-a"), "local", at, CancellationToken.None);
        await store.CreateTenantAsync(new TenantRecord("acme", "Acme", 1, at), CancellationToken.None);
        var job = await store.SubmitAsync(Specs.NewJob(Specs.Job("acme")), at, CancellationToken.None);
        await store.PlaceAsync(new Placement(job.Id, "cn-a", 0, [5], 2, [0, 1], 12m, "CNY", false), 0, at, CancellationToken.None);

        await using var server = await TestServer.StartAsync(store);
        var placed = await server.WaitForJobAsync(job.Id, j => j.State == JobState.Placed && j.Fence == 2);

        Assert.Equal([0], placed.Nodes);
        var kinds = (await server.WaitForEventsAsync(job.Id, e => e.Any(k => k.Kind == "dispatched"))).Select(e => e.Kind).ToList();
        Assert.Equal(["submitted", "placed", "preempted", "placed", "dispatched"], kinds);
    }

    [Fact]
    public async Task BlockedJob_PreemptsSpotWork_WhichIsRequeued()
    {
        await using var server = await TestServer.StartAsync();
        await server.RegisterAsync(Specs.Site("cn-a"));
        using var acme = await server.TenantAsync("acme");
        var spot = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", name: "spot", cards: 8) + "\nspot: true");
        await server.WaitForJobAsync(spot, j => j.State == JobState.Placed);

        var urgent = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", name: "urgent", cards: 8));
        await server.WaitForJobAsync(urgent, j => j.State == JobState.Placed);

        var preempted = await server.Store.GetJobAsync(spot, CancellationToken.None);
        Assert.Equal(JobState.Preempted, preempted!.State);
        Assert.Equal($"preempted for job {urgent}", preempted.Reason);
    }
}
