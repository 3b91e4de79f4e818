using Microsoft.Extensions.DependencyInjection;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Hosting;

public sealed class LeaseTests
{
    [Fact]
    public async Task TwoServersOnOneStore_OnlyOneSchedules_AndTheOtherTakesOverWhenItStops()
    {
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var time = new ManualTimeProvider(TestServer.Start);
        var first = await TestServer.StartAsync(store, time);
        await using var second = await TestServer.StartAsync(store, time, first.AdminKey);
        await WaitAsync(() => first.Server.IsScheduling || second.Server.IsScheduling);
        var (leader, follower) = first.Server.IsScheduling ? (first, second) : (second, first);

        Assert.False(follower.Server.IsScheduling);
        Assert.Null(second.Server.AdminKey);
        await follower.RegisterAsync(Specs.Site("cn-a"));
        using var acme = await follower.TenantAsync("acme");
        var id = await TestServer.SubmitOkAsync(acme, Specs.Job("acme"));

        // The follower's submission wakes only its own process; the leader finds the job on its next timed pass.
        await follower.AdvanceUntilAsync(
            async () => (await store.GetJobAsync(id, CancellationToken.None))!.State == JobState.Placed,
            TimeSpan.FromMilliseconds(200),
            maxSteps: 50);
        Assert.Equal(0, Passes(follower));

        await leader.DisposeAsync();
        if (leader == second)
        {
            return;
        }

        await second.AdvanceUntilAsync(() => Task.FromResult(second.Server.IsScheduling), TimeSpan.FromSeconds(1), maxSteps: 10);
        var next = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", name: "next"));
        await second.WaitForJobAsync(next, j => j.State == JobState.Placed);
    }

    [Fact]
    public async Task Restart_RestoresPlacedJobsOnTheirCards_WithoutPlacingThemAgain()
    {
        await using var data = await TestStore.OpenAsync();
        var store = data.Store;
        var time = new ManualTimeProvider(TestServer.Start);
        long id;
        string adminKey;
        await using (var before = await TestServer.StartAsync(store, time))
        {
            adminKey = before.AdminKey;
            await before.RegisterAsync(Specs.Site("cn-a"));
            using var acme = await before.TenantAsync("acme");
            id = await TestServer.SubmitOkAsync(acme, Specs.Job("acme", cards: 8));
            await before.WaitForJobAsync(id, j => j.State == JobState.Placed);
        }

        await using var after = await TestServer.StartAsync(store, time, adminKey);
        await WaitAsync(() => after.Server.IsScheduling);
        var placements = await TestStore.PlacementsAsync(store);
        var small = await TestServer.SubmitOkAsync(after.Admin, Specs.Job("acme", name: "small"));
        var snapshot = after.Server.Services.GetRequiredService<ClusterSnapshot>();
        await WaitAsync(() => snapshot.Waiting == 1);

        Assert.Equal(placements, await TestStore.PlacementsAsync(store));
        Assert.Equal(JobState.Queued, (await store.GetJobAsync(small, CancellationToken.None))!.State);
        var job = await store.GetJobAsync(id, CancellationToken.None);
        Assert.Equal((JobState.Placed, 1L), (job!.State, job.Fence));

        await after.Admin.PostAsync($"/api/v1/jobs/{id}/cancel", null);
        await after.WaitForJobAsync(small, j => j.State == JobState.Placed);
    }

    private static long Passes(TestServer server) => server.Server.Services.GetRequiredService<SchedulerLoop>().Passes;

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
