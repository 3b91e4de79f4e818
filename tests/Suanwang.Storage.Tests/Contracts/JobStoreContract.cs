using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Jobs.IJobStore"/> must do: submitting, reading and listing jobs and their events.</summary>
public abstract partial class JobStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task Submit_ThenGet_ReturnsTheQueuedJob()
    {
        var store = await OpenAsync();
        var at = T0.AddTicks(1234567); // sub-millisecond part: kept to the microsecond

        var submitted = await store.SubmitAsync(Job(priority: 5), at, None);
        var read = await store.GetJobAsync(submitted.Id, None);

        Assert.Equal(submitted, read);
        Assert.Equal(JobState.Queued, read!.State);
        Assert.Equal("acme", read.Tenant);
        Assert.Equal("train", read.Name);
        Assert.Equal(Job(priority: 5).Spec, read.Spec);
        Assert.Equal(Job(priority: 5).SpecText, read.SpecText);
        Assert.Equal(8, read.Spec.Resources.CardsPerNode);
        Assert.Null(read.Nodes);
        Assert.Null(read.Devices);
        Assert.Equal(5, read.Priority);
        Assert.Equal(0, read.Fence);
        Assert.Null(read.Site);
        Assert.Null(read.Reason);
        Assert.Equal(T0.AddTicks(1234560), read.SubmittedAt);
    }

    [Fact]
    public async Task Submit_KeepsTheInstantOfAnyOffsetAsUtc()
    {
        var store = await OpenAsync();
        var beijing = new DateTimeOffset(2026, 5, 1, 16, 0, 0, TimeSpan.FromHours(8));

        var job = await store.SubmitAsync(Job(), beijing, None);

        Assert.Equal(T0, (await store.GetJobAsync(job.Id, None))!.SubmittedAt);
    }

    [Fact]
    public async Task Submit_IdsIncrease()
    {
        var store = await OpenAsync();

        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await store.SubmitAsync(Job(), T0, None)).Id);
        }

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids[0] > 0);
    }

    [Fact]
    public async Task Submit_RecordsTheSubmittedEvent()
    {
        var store = await OpenAsync();

        var job = await store.SubmitAsync(Job(), T0, None);

        var submitted = Assert.Single(await store.ListEventsAsync(job.Id, None));
        Assert.Equal("submitted", submitted.Kind);
        Assert.Equal(job.Id, submitted.JobId);
        Assert.Equal(T0, submitted.At);
    }

    [Fact]
    public async Task GetJob_Unknown_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.GetJobAsync(424242, None));
    }

    [Fact]
    public async Task ListJobs_FiltersByTenant()
    {
        var store = await OpenAsync();
        var a1 = await store.SubmitAsync(Job("a"), T0, None);
        await store.SubmitAsync(Job("b"), T0, None);
        var a2 = await store.SubmitAsync(Job("a"), T0, None);

        var page = await store.ListJobsAsync(new JobQuery(Tenant: "a"), None);

        Assert.Equal([a2.Id, a1.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListJobs_FiltersByState()
    {
        var store = await OpenAsync();
        var queued = await store.SubmitAsync(Job(), T0, None);
        var running = await RunningAsync(store);

        Assert.Equal([queued.Id], (await store.ListJobsAsync(new JobQuery(State: JobState.Queued), None)).Select(j => j.Id));
        Assert.Equal([running.Id], (await store.ListJobsAsync(new JobQuery(State: JobState.Running), None)).Select(j => j.Id));
        Assert.Empty(await store.ListJobsAsync(new JobQuery(State: JobState.Failed), None));
    }

    [Fact]
    public async Task ListJobs_FiltersBySite()
    {
        var store = await OpenAsync();
        var shanghai = await PlacedAsync(store, "cn-sh-1");
        await PlacedAsync(store, "cn-bj-1");
        await store.SubmitAsync(Job(), T0, None);

        var page = await store.ListJobsAsync(new JobQuery(Site: "cn-sh-1"), None);

        Assert.Equal([shanghai.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListJobs_CombinesFilters()
    {
        var store = await OpenAsync();
        var wanted = await RunningAsync(store, "cn-sh-1", "a");
        await RunningAsync(store, "cn-sh-1", "b");
        await PlacedAsync(store, "cn-sh-1", "a");
        await RunningAsync(store, "cn-bj-1", "a");

        var page = await store.ListJobsAsync(new JobQuery(Tenant: "a", State: JobState.Running, Site: "cn-sh-1"), None);

        Assert.Equal([wanted.Id], page.Select(j => j.Id));
    }

    [Fact]
    public async Task ListJobs_PagesNewestFirstWithCursorAndLimit()
    {
        var store = await OpenAsync();
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await store.SubmitAsync(Job(), T0, None)).Id);
        }

        var first = await store.ListJobsAsync(new JobQuery(Limit: 3), None);
        var second = await store.ListJobsAsync(new JobQuery(BeforeId: first[^1].Id, Limit: 3), None);
        var third = await store.ListJobsAsync(new JobQuery(BeforeId: second[^1].Id, Limit: 3), None);
        var after = await store.ListJobsAsync(new JobQuery(BeforeId: third[^1].Id, Limit: 3), None);

        ids.Reverse();
        Assert.Equal(ids[..3], first.Select(j => j.Id));
        Assert.Equal(ids[3..6], second.Select(j => j.Id));
        Assert.Equal(ids[6..], third.Select(j => j.Id));
        Assert.Empty(after);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task ListJobs_LimitOutside1To1000_Throws(int limit)
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListJobsAsync(new JobQuery(Limit: limit), None));
    }

    [Fact]
    public async Task ListActiveJobs_ExcludesFinalStates_OldestFirst()
    {
        var store = await OpenAsync();
        var queued = await store.SubmitAsync(Job(), T0, None);
        var running = await RunningAsync(store);
        var succeeded = await RunningAsync(store);
        Assert.True(await store.FinishAsync(succeeded.Id, succeeded.Fence, JobState.Succeeded, 0, 10, null, T0.AddMinutes(1), None));
        var failed = await RunningAsync(store);
        Assert.True(await store.FinishAsync(failed.Id, failed.Fence, JobState.Failed, 1, 10, "exit 1", T0.AddMinutes(1), None));
        var cancelled = await store.SubmitAsync(Job(), T0, None);
        Assert.NotNull(await store.CancelAsync(cancelled.Id, "not needed", T0.AddMinutes(1), None));
        var preempted = await RunningAsync(store);
        Assert.True(await store.RequeueAsync(preempted.Id, preempted.Fence, 5, "site down", T0.AddMinutes(1), None));
        var placed = await PlacedAsync(store);

        var active = await store.ListActiveJobsAsync(None);

        Assert.Equal([queued.Id, running.Id, preempted.Id, placed.Id], active.Select(j => j.Id));
        Assert.Equal([JobState.Queued, JobState.Running, JobState.Preempted, JobState.Placed], active.Select(j => j.State));
    }

    [Fact]
    public async Task ListActive_WithDocumentsAfter_LeavesOutOnlyTheDocumentsAtOrBelowIt()
    {
        var store = await OpenAsync();
        var first = await store.SubmitAsync(Job(priority: 1), T0, None);
        var second = await RunningAsync(store);
        var third = await store.SubmitAsync(Job(priority: 3), T0, None);

        var active = await store.ListActiveJobsAsync(second.Id, None);
        var all = await store.ListActiveJobsAsync(None);

        Assert.Equal([first.Id, second.Id, third.Id], active.Select(j => j.Id));
        Assert.Equal([null, null, third.Document], active.Select(j => j.Document));
        Assert.Equal([null, null, third.SpecText], active.Select(j => j.SpecText));
        Assert.Equal(3, active[2].Spec.Priority);
        Assert.Equal(JobState.Running, active[1].State);
        Assert.Equal(second.Devices, active[1].Devices);
        Assert.Throws<InvalidOperationException>(() => active[0].Spec);
        Assert.All(all, j => Assert.NotNull(j.Document));
        Assert.Equal(all[1] with { Document = null, SpecText = null }, active[1]);
    }

    [Fact]
    public async Task Submit_KeepsThePinnedSite()
    {
        var store = await OpenAsync();

        var job = await store.SubmitAsync(Job() with { PinnedSite = "cn-sh-1" }, T0, None);

        Assert.Equal("cn-sh-1", job.PinnedSite);
        Assert.Equal(job, await store.GetJobAsync(job.Id, None));
        Assert.Null((await store.SubmitAsync(Job(), T0, None)).PinnedSite);
    }
}
