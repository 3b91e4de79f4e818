using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Market.IUsageStore"/> must do: one row per run, metered from its placement.</summary>
public abstract class UsageStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task Finish_WritesTheRunsUsageFromThePlacement()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);

        Assert.True(await store.FinishAsync(job.Id, job.Fence, JobState.Succeeded, 0, 5_400, null, T0.AddHours(1), None));

        Assert.Equal(
            [new UsageRecord(job.Id, 1, "acme", "cn-sh-1", 0, 16, 5_400, 12.50m, Cny, false, T0.AddSeconds(2), T0.AddHours(1), UsageOutcomes.Succeeded, null, null, null, null, null, null)],
            await store.ListUsageAsync(job.Id, None));
    }

    [Fact]
    public async Task Finish_RepeatedReport_MetersOnce()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);
        Assert.True(await store.FinishAsync(job.Id, job.Fence, JobState.Failed, 1, 100, "oom", T0.AddHours(1), None));

        Assert.False(await store.FinishAsync(job.Id, job.Fence, JobState.Failed, 1, 100, "oom", T0.AddHours(2), None));
        Assert.False(await store.RequeueAsync(job.Id, job.Fence, 100, "site down", T0.AddHours(2), None));
        Assert.Null(await store.CancelAsync(job.Id, "too late", T0.AddHours(2), None));

        var row = Assert.Single(await store.ListUsageAsync(job.Id, None));
        Assert.Equal((UsageOutcomes.Failed, 100.0, T0.AddHours(1)), (row.Outcome, row.AcceleratorSeconds, row.EndedAt));
    }

    [Fact]
    public async Task Finish_StaleFence_WritesNoUsage()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);

        Assert.False(await store.FinishAsync(job.Id, job.Fence - 1, JobState.Succeeded, 0, 100, null, T0.AddHours(1), None));

        Assert.Empty(await store.ListUsageAsync(job.Id, None));
    }

    [Fact]
    public async Task Requeue_MetersTheLostRun_AndTheNextRunGetsARowOfItsOwn()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);

        Assert.True(await store.RequeueAsync(job.Id, job.Fence, 320, "site down", T0.AddMinutes(10), None));
        var spot = new Placement(job.Id, "cn-bj-1", 3, [4], 2, [0, 1], 3.25m, "USD", true);
        Assert.True(await store.PlaceAsync(spot, job.Fence, T0.AddMinutes(11), None));
        Assert.True(await store.FinishAsync(job.Id, job.Fence + 1, JobState.Succeeded, 0, 60, null, T0.AddMinutes(12), None));

        Assert.Equal(
            [
                new UsageRecord(job.Id, 1, "acme", "cn-sh-1", 0, 16, 320, 12.50m, Cny, false, T0.AddSeconds(2), T0.AddMinutes(10), UsageOutcomes.Preempted, null, null, null, null, null, null),
                new UsageRecord(job.Id, 2, "acme", "cn-bj-1", 3, 2, 60, 3.25m, "USD", true, null, T0.AddMinutes(12), UsageOutcomes.Succeeded, null, null, null, null, null, null),
            ],
            await store.ListUsageAsync(job.Id, None));
    }

    [Fact]
    public async Task Cancel_Running_MetersItsCardsUntilNow()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);

        Assert.NotNull(await store.CancelAsync(job.Id, "no longer needed", T0.AddSeconds(92.5), None));

        var row = Assert.Single(await store.ListUsageAsync(job.Id, None));
        Assert.Equal((UsageOutcomes.Cancelled, 16 * 90.5, 16), (row.Outcome, row.AcceleratorSeconds, row.Cards));
        Assert.Equal(T0.AddSeconds(92.5), row.EndedAt);
    }

    [Fact]
    public async Task Cancel_PlacedButNotStarted_MetersNothingUsed()
    {
        var store = await OpenAsync();
        var job = await PlacedAsync(store);

        Assert.NotNull(await store.CancelAsync(job.Id, "no longer needed", T0.AddMinutes(1), None));

        var row = Assert.Single(await store.ListUsageAsync(job.Id, None));
        Assert.Equal((UsageOutcomes.Cancelled, 0.0, (DateTimeOffset?)null), (row.Outcome, row.AcceleratorSeconds, row.StartedAt));
    }

    [Fact]
    public async Task MeterStoppedRun_CancelledWhilePlaced_RecordsWhatTheSiteReportsOnce()
    {
        var store = await OpenAsync();
        var job = await PlacedAsync(store);
        await store.CancelAsync(job.Id, "no longer needed", T0.AddMinutes(1), None);

        Assert.True(await store.MeterStoppedRunAsync(job.Id, job.Fence, 16 * 45.0, T0.AddSeconds(30), None));
        Assert.False(await store.MeterStoppedRunAsync(job.Id, job.Fence, 16 * 45.0, T0.AddSeconds(30), None));

        var row = Assert.Single(await store.ListUsageAsync(job.Id, None));
        Assert.Equal((UsageOutcomes.Cancelled, 16 * 45.0, (DateTimeOffset?)T0.AddSeconds(30), T0.AddMinutes(1)), (row.Outcome, row.AcceleratorSeconds, row.StartedAt, row.EndedAt));
        Assert.Equal(16 * 45.0, (await store.GetJobAsync(job.Id, None))!.AcceleratorSeconds);
    }

    [Fact]
    public async Task MeterStoppedRun_CancelledWhileRunning_KeepsTheMeteredRun()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);
        await store.CancelAsync(job.Id, "no longer needed", T0.AddSeconds(92.5), None);

        Assert.False(await store.MeterStoppedRunAsync(job.Id, job.Fence, 16 * 100.0, T0.AddSeconds(2), None));

        Assert.Equal(16 * 90.5, Assert.Single(await store.ListUsageAsync(job.Id, None)).AcceleratorSeconds);
    }

    [Fact]
    public async Task MeterStoppedRun_JobNotCancelled_WritesNothing()
    {
        var store = await OpenAsync();
        var job = await PlacedAsync(store);

        Assert.False(await store.MeterStoppedRunAsync(job.Id, job.Fence, 100, T0, None));

        Assert.Empty(await store.ListUsageAsync(job.Id, None));
        Assert.Equal(0, (await store.GetJobAsync(job.Id, None))!.AcceleratorSeconds);
    }

    [Fact]
    public async Task Cancel_Queued_WritesNoUsage()
    {
        var store = await OpenAsync();
        var job = await store.SubmitAsync(Job(), T0, None);

        Assert.NotNull(await store.CancelAsync(job.Id, "no longer needed", T0.AddMinutes(1), None));

        Assert.Empty(await store.ListUsageAsync(job.Id, None));
    }

    [Fact]
    public async Task ListUsageInPeriod_FiltersByEndTenantAndSite()
    {
        var store = await OpenAsync();
        var early = await RunningAsync(store, "cn-sh-1", "acme");
        var late = await RunningAsync(store, "cn-bj-1", "acme");
        var other = await RunningAsync(store, "cn-sh-1", "other");
        var outside = await RunningAsync(store, "cn-sh-1", "acme");
        await store.FinishAsync(early.Id, 1, JobState.Succeeded, 0, 10, null, T0.AddHours(1), None);
        await store.FinishAsync(late.Id, 1, JobState.Succeeded, 0, 10, null, T0.AddHours(2), None);
        await store.FinishAsync(other.Id, 1, JobState.Succeeded, 0, 10, null, T0.AddHours(1), None);
        await store.FinishAsync(outside.Id, 1, JobState.Succeeded, 0, 10, null, T0.AddDays(1), None);

        Assert.Equal([early.Id, other.Id, late.Id], (await store.ListUsageInPeriodAsync(null, null, T0, T0.AddDays(1), None)).Select(u => u.JobId));
        Assert.Equal([early.Id, late.Id], (await store.ListUsageInPeriodAsync("acme", null, T0, T0.AddDays(1), None)).Select(u => u.JobId));
        Assert.Equal([early.Id, other.Id], (await store.ListUsageInPeriodAsync(null, ["cn-sh-1", "cn-gz-1"], T0, T0.AddDays(1), None)).Select(u => u.JobId));
        Assert.Equal([late.Id], (await store.ListUsageInPeriodAsync("acme", ["cn-bj-1"], T0, T0.AddDays(1), None)).Select(u => u.JobId));
        Assert.Empty(await store.ListUsageInPeriodAsync(null, [], T0, T0.AddDays(1), None));
    }

    [Fact]
    public async Task SumsAndFirstRuns_AgreeWithTheRunsThemselves()
    {
        var store = await OpenAsync();
        var a = await RunningAsync(store);
        Assert.True(await store.FinishAsync(a.Id, a.Fence, JobState.Succeeded, 0, 3_600, null, T0.AddHours(1), None));
        var b = await RunningAsync(store, "cn-bj-1");
        Assert.True(await store.FinishAsync(b.Id, b.Fence, JobState.Failed, 1, 1_800, "oom", T0.AddDays(1), None));
        var c = await RunningAsync(store);
        Assert.True(await store.FinishAsync(c.Id, c.Fence, JobState.Succeeded, 0, 7_200, null, T0.AddDays(1).AddHours(2), None));

        var runs = await store.ListUsageInPeriodAsync("acme", null, T0, T0.AddDays(2), None);

        Assert.Equal(3, runs.Count);
        Assert.Equal(UsageSums.Of(runs), await store.SumUsageInPeriodAsync("acme", null, T0, T0.AddDays(2), None));
        Assert.Equal(3, (await store.SumUsageInPeriodAsync("acme", null, T0, T0.AddDays(2), None)).Count);
        Assert.Equal(runs.Take(2).ToList(), await store.ListFirstUsageInPeriodAsync("acme", null, T0, T0.AddDays(2), 2, None));
        var bj = Assert.Single(await store.SumUsageInPeriodAsync(null, ["cn-bj-1"], T0, T0.AddDays(2), None));
        Assert.Equal((DateOnly.FromDateTime(T0.AddDays(1).UtcDateTime), 1L, 0.5), (bj.Day, bj.Runs, bj.CardHours));
        Assert.Empty(await store.SumUsageInPeriodAsync("acme", null, T0.AddDays(5), T0.AddDays(6), None));
    }

    [Fact]
    public async Task RunsAfter_PageThroughThePeriodInOrder_RunsEndingTogetherByJob()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            var job = await RunningAsync(store);
            Assert.True(await store.FinishAsync(job.Id, job.Fence, JobState.Succeeded, 0, 600, null, T0.AddHours(i / 2), None));
        }

        var all = await store.ListUsageInPeriodAsync("acme", null, T0, T0.AddDays(1), None);
        var paged = new List<UsageRecord>();
        UsageRecord? after = null;
        while (true)
        {
            var page = await store.ListUsageInPeriodAfterAsync("acme", null, T0, T0.AddDays(1), after, 2, None);
            paged.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1];
        }

        Assert.Equal(5, all.Count);
        Assert.Equal(all, paged);
        Assert.Empty(await store.ListUsageInPeriodAfterAsync("acme", [], T0, T0.AddDays(1), null, 2, None));
    }
}
