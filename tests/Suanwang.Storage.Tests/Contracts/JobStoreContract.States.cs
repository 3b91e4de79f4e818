using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Tests;

/// <summary>The job contract's state changes: place, start, finish, requeue and cancel, each under its fence.</summary>
public abstract partial class JobStoreContract
{
    [Fact]
    public async Task Place_WrongFence_ReturnsFalseAndChangesNothing()
    {
        var store = await OpenAsync();
        var job = await store.SubmitAsync(Job(), T0, None);

        Assert.False(await store.PlaceAsync(PlacementOf(job.Id), job.Fence + 1, T0.AddSeconds(1), None));

        Assert.Equal(job, await store.GetJobAsync(job.Id, None));
        Assert.Single(await store.ListEventsAsync(job.Id, None));
    }

    [Fact]
    public async Task Place_WrongState_ReturnsFalseAndChangesNothing()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);
        var events = await store.ListEventsAsync(running.Id, None);

        Assert.False(await store.PlaceAsync(PlacementOf(running.Id, "cn-bj-1"), running.Fence, T0.AddSeconds(5), None));

        Assert.Equal(running, await store.GetJobAsync(running.Id, None));
        Assert.Equal(events, await store.ListEventsAsync(running.Id, None));
    }

    [Fact]
    public async Task Place_UnknownJob_ReturnsFalse()
    {
        var store = await OpenAsync();

        Assert.False(await store.PlaceAsync(PlacementOf(99), 0, T0, None));
    }

    [Fact]
    public async Task Place_RightFenceAndState_IncrementsFenceAndRecordsEvent()
    {
        var store = await OpenAsync();
        var job = await store.SubmitAsync(Job(), T0, None);

        Assert.True(await store.PlaceAsync(new Placement(job.Id, "cn-sh-1", 2, [3, 4], 4, [0, 1, 2, 3, 4, 5, 6, 7], 9.50m, "CNY", false), job.Fence, T0.AddSeconds(1), None));

        var placed = (await store.GetJobAsync(job.Id, None))!;
        Assert.Equal(JobState.Placed, placed.State);
        Assert.Equal(job.Fence + 1, placed.Fence);
        Assert.Equal("cn-sh-1", placed.Site);
        Assert.Equal(2, placed.Pool);
        Assert.Equal([3, 4], placed.Nodes);
        Assert.Equal(4, placed.CardsPerNode);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], placed.Devices);
        var last = (await store.ListEventsAsync(job.Id, None))[^1];
        Assert.Equal("placed", last.Kind);
        Assert.Equal(T0.AddSeconds(1), last.At);
        Assert.Contains("cn-sh-1", last.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Place_SameFenceTwice_OnlyFirstWins()
    {
        var store = await OpenAsync();
        var job = await store.SubmitAsync(Job(), T0, None);

        var results = await Task.WhenAll(
            store.PlaceAsync(PlacementOf(job.Id, "cn-sh-1"), job.Fence, T0, None),
            store.PlaceAsync(PlacementOf(job.Id, "cn-bj-1"), job.Fence, T0, None));

        Assert.Equal([true, false], results);
        Assert.Equal("cn-sh-1", (await store.GetJobAsync(job.Id, None))!.Site);
    }

    [Fact]
    public async Task MarkRunning_PlacedJobWithItsFence_BecomesRunning()
    {
        var store = await OpenAsync();
        var placed = await PlacedAsync(store);

        Assert.True(await store.MarkRunningAsync(placed.Id, placed.Fence, T0.AddSeconds(3), None));

        var running = (await store.GetJobAsync(placed.Id, None))!;
        Assert.Equal(JobState.Running, running.State);
        Assert.Equal(T0.AddSeconds(3), running.StartedAt);
        Assert.Equal(placed.Fence, running.Fence);
        Assert.Equal("started", (await store.ListEventsAsync(placed.Id, None))[^1].Kind);
    }

    [Fact]
    public async Task MarkRunning_StaleFence_ReturnsFalseAndChangesNothing()
    {
        var store = await OpenAsync();
        var placed = await PlacedAsync(store);

        Assert.False(await store.MarkRunningAsync(placed.Id, placed.Fence - 1, T0.AddSeconds(3), None));

        Assert.Equal(placed, await store.GetJobAsync(placed.Id, None));
    }

    [Fact]
    public async Task MarkRunning_QueuedOrAlreadyRunning_ReturnsFalse()
    {
        var store = await OpenAsync();
        var queued = await store.SubmitAsync(Job(), T0, None);
        var running = await RunningAsync(store);

        Assert.False(await store.MarkRunningAsync(queued.Id, queued.Fence, T0, None));
        Assert.False(await store.MarkRunningAsync(running.Id, running.Fence, T0.AddSeconds(9), None));
        Assert.Equal(running, await store.GetJobAsync(running.Id, None));
    }

    [Fact]
    public async Task Finish_RunningJob_RecordsExitCodeSecondsAndEnd()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);

        Assert.True(await store.FinishAsync(running.Id, running.Fence, JobState.Failed, 137, 96.5, "killed", T0.AddMinutes(5), None));

        var failed = (await store.GetJobAsync(running.Id, None))!;
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Equal(137, failed.ExitCode);
        Assert.Equal(96.5, failed.AcceleratorSeconds);
        Assert.Equal("killed", failed.Reason);
        Assert.Equal(T0.AddMinutes(5), failed.EndedAt);
        Assert.Equal("cn-sh-1", failed.Site);
        var last = (await store.ListEventsAsync(running.Id, None))[^1];
        Assert.Equal("exited", last.Kind);
        Assert.Contains("137", last.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finish_PlacedJobThatCouldNotStart_Fails()
    {
        var store = await OpenAsync();
        var placed = await PlacedAsync(store);

        Assert.True(await store.FinishAsync(placed.Id, placed.Fence, JobState.Failed, null, 0, "image not found", T0.AddSeconds(4), None));

        var failed = (await store.GetJobAsync(placed.Id, None))!;
        Assert.Equal(JobState.Failed, failed.State);
        Assert.Null(failed.ExitCode);
        var last = (await store.ListEventsAsync(placed.Id, None))[^1];
        Assert.Equal("failed", last.Kind);
        Assert.Equal("image not found", last.Message);
    }

    [Fact]
    public async Task Finish_StaleFence_ReturnsFalseAndChangesNothing()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);

        Assert.False(await store.FinishAsync(running.Id, running.Fence + 1, JobState.Succeeded, 0, 10, null, T0.AddMinutes(1), None));

        Assert.Equal(running, await store.GetJobAsync(running.Id, None));
    }

    [Fact]
    public async Task Finish_Twice_ReturnsTrueThenFalse()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);

        Assert.True(await store.FinishAsync(running.Id, running.Fence, JobState.Succeeded, 0, 10, null, T0.AddMinutes(1), None));
        Assert.False(await store.FinishAsync(running.Id, running.Fence, JobState.Failed, 1, 10, "again", T0.AddMinutes(2), None));

        var job = (await store.GetJobAsync(running.Id, None))!;
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(10, job.AcceleratorSeconds);
    }

    [Fact]
    public async Task Finish_QueuedJob_ReturnsFalse()
    {
        var store = await OpenAsync();
        var queued = await store.SubmitAsync(Job(), T0, None);

        Assert.False(await store.FinishAsync(queued.Id, queued.Fence, JobState.Succeeded, 0, 0, null, T0, None));
    }

    [Fact]
    public async Task Finish_ToANonFinalState_Throws()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FinishAsync(running.Id, running.Fence, JobState.Running, 0, 0, null, T0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.FinishAsync(running.Id, running.Fence, JobState.Cancelled, 0, 0, null, T0, None));
    }

    [Fact]
    public async Task Requeue_RunningJob_LosesPlacementAndWaitsAgain()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);

        Assert.True(await store.RequeueAsync(running.Id, running.Fence, 30, "site cn-sh-1 went down", T0.AddMinutes(1), None));

        var preempted = (await store.GetJobAsync(running.Id, None))!;
        Assert.Equal(JobState.Preempted, preempted.State);
        Assert.Null(preempted.Site);
        Assert.Null(preempted.Pool);
        Assert.Null(preempted.Nodes);
        Assert.Null(preempted.Devices);
        Assert.Null(preempted.StartedAt);
        Assert.Equal(running.Fence, preempted.Fence);
        Assert.Equal("site cn-sh-1 went down", preempted.Reason);
        var last = (await store.ListEventsAsync(running.Id, None))[^1];
        Assert.Equal("preempted", last.Kind);
        Assert.Equal("site cn-sh-1 went down", last.Message);
    }

    [Fact]
    public async Task Requeue_StaleFenceOrQueuedJob_ReturnsFalse()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);
        var queued = await store.SubmitAsync(Job(), T0, None);

        Assert.False(await store.RequeueAsync(running.Id, running.Fence - 1, 30, "late", T0.AddMinutes(1), None));
        Assert.False(await store.RequeueAsync(queued.Id, queued.Fence, 0, "not placed", T0.AddMinutes(1), None));

        Assert.Equal(running, await store.GetJobAsync(running.Id, None));
        Assert.Equal(queued, await store.GetJobAsync(queued.Id, None));
    }

    [Fact]
    public async Task Requeue_ThenPlacedAgain_ReportsOfTheOldRunAreRefused()
    {
        var store = await OpenAsync();
        var first = await RunningAsync(store);
        Assert.True(await store.RequeueAsync(first.Id, first.Fence, 30, "site down", T0.AddMinutes(1), None));
        Assert.True(await store.PlaceAsync(PlacementOf(first.Id, "cn-bj-1"), first.Fence, T0.AddMinutes(2), None));

        var again = (await store.GetJobAsync(first.Id, None))!;
        Assert.Equal(first.Fence + 1, again.Fence);
        Assert.Null(again.Reason);
        Assert.False(await store.MarkRunningAsync(first.Id, first.Fence, T0.AddMinutes(3), None));
        Assert.False(await store.FinishAsync(first.Id, first.Fence, JobState.Succeeded, 0, 99, null, T0.AddMinutes(3), None));
        Assert.True(await store.MarkRunningAsync(first.Id, again.Fence, T0.AddMinutes(3), None));
    }

    [Fact]
    public async Task Cancel_QueuedJob_ReturnsItCancelled()
    {
        var store = await OpenAsync();
        var queued = await store.SubmitAsync(Job(), T0, None);

        var cancelled = await store.CancelAsync(queued.Id, "cancelled by acme", T0.AddSeconds(30), None);

        Assert.NotNull(cancelled);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal("cancelled by acme", cancelled.Reason);
        Assert.Equal(T0.AddSeconds(30), cancelled.EndedAt);
        Assert.Equal(cancelled, await store.GetJobAsync(queued.Id, None));
        var last = (await store.ListEventsAsync(queued.Id, None))[^1];
        Assert.Equal("cancelled", last.Kind);
        Assert.Equal("cancelled by acme", last.Message);
    }

    [Fact]
    public async Task Cancel_RunningJob_KeepsItsPlacementAndRefusesItsReports()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);

        var cancelled = await store.CancelAsync(running.Id, "cancelled by admin", T0.AddMinutes(1), None);

        Assert.NotNull(cancelled);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.Equal("cn-sh-1", cancelled.Site);
        Assert.Equal([0, 1], cancelled.Nodes);
        Assert.Equal(DevicesOf(2, 8), cancelled.Devices);
        Assert.False(await store.FinishAsync(running.Id, running.Fence, JobState.Succeeded, 0, 60, null, T0.AddMinutes(2), None));
        Assert.Equal(JobState.Cancelled, (await store.GetJobAsync(running.Id, None))!.State);
    }

    [Fact]
    public async Task Cancel_FinalJob_ReturnsNullAndChangesNothing()
    {
        var store = await OpenAsync();
        var running = await RunningAsync(store);
        Assert.True(await store.FinishAsync(running.Id, running.Fence, JobState.Succeeded, 0, 10, null, T0.AddMinutes(1), None));
        var succeeded = await store.GetJobAsync(running.Id, None);
        var events = await store.ListEventsAsync(running.Id, None);

        Assert.Null(await store.CancelAsync(running.Id, "too late", T0.AddMinutes(2), None));

        Assert.Equal(succeeded, await store.GetJobAsync(running.Id, None));
        Assert.Equal(events, await store.ListEventsAsync(running.Id, None));
    }

    [Fact]
    public async Task Cancel_Twice_ReturnsJobThenNull()
    {
        var store = await OpenAsync();
        var queued = await store.SubmitAsync(Job(), T0, None);

        Assert.NotNull(await store.CancelAsync(queued.Id, "first", T0, None));
        Assert.Null(await store.CancelAsync(queued.Id, "second", T0, None));
        Assert.Equal("first", (await store.GetJobAsync(queued.Id, None))!.Reason);
    }

    [Fact]
    public async Task Cancel_UnknownJob_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.CancelAsync(31337, "nothing there", T0, None));
    }

    [Fact]
    public async Task AcceleratorSeconds_AddUpOverRuns()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);
        Assert.True(await store.RequeueAsync(job.Id, 1, 100.25, "spot preempted", T0.AddMinutes(1), None));
        Assert.True(await store.PlaceAsync(PlacementOf(job.Id), 1, T0.AddMinutes(2), None));
        Assert.True(await store.MarkRunningAsync(job.Id, 2, T0.AddMinutes(3), None));
        Assert.True(await store.RequeueAsync(job.Id, 2, 50.5, "site down", T0.AddMinutes(4), None));
        Assert.True(await store.PlaceAsync(PlacementOf(job.Id), 2, T0.AddMinutes(5), None));
        Assert.True(await store.MarkRunningAsync(job.Id, 3, T0.AddMinutes(6), None));

        Assert.True(await store.FinishAsync(job.Id, 3, JobState.Succeeded, 0, 400, null, T0.AddMinutes(7), None));

        var done = (await store.GetJobAsync(job.Id, None))!;
        Assert.Equal(550.75, done.AcceleratorSeconds);
        Assert.Equal(3, done.Fence);
    }

    [Fact]
    public async Task Events_ListedInOrderOfTheirHistory()
    {
        var store = await OpenAsync();
        var job = await RunningAsync(store);
        await store.AppendEventAsync(job.Id, "stale-report", "a report from fence 0 was refused", T0.AddSeconds(3), None);
        Assert.True(await store.RequeueAsync(job.Id, job.Fence, 1, "site down", T0.AddSeconds(4), None));
        Assert.True(await store.PlaceAsync(PlacementOf(job.Id, "cn-bj-1"), job.Fence, T0.AddSeconds(5), None));
        Assert.True(await store.MarkRunningAsync(job.Id, job.Fence + 1, T0.AddSeconds(6), None));
        Assert.True(await store.FinishAsync(job.Id, job.Fence + 1, JobState.Succeeded, 0, 1, null, T0.AddSeconds(7), None));
        var other = await store.SubmitAsync(Job(), T0, None);

        var events = await store.ListEventsAsync(job.Id, None);

        Assert.Equal(["submitted", "placed", "started", "stale-report", "preempted", "placed", "started", "exited"], events.Select(e => e.Kind));
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(job.Id, e.JobId));
        Assert.Equal("a report from fence 0 was refused", events[3].Message);
        Assert.Equal(T0.AddSeconds(3), events[3].At);
        Assert.Single(await store.ListEventsAsync(other.Id, None));
    }

    [Fact]
    public async Task AppendEvent_UnknownJob_Throws()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AppendEventAsync(777, "note", "nobody", T0, None));
    }
}
