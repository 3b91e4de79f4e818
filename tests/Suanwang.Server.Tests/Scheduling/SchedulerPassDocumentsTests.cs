using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Jobs;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage;
using Suanwang.Storage.Jobs;
using Suanwang.Testing;

namespace Suanwang.Server.Tests.Scheduling;

/// <summary>A pass reads the documents of jobs it has not seen only; these prove it still tracks every job.</summary>
public sealed class SchedulerPassDocumentsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task JobCommittedAfterALaterIdWasRead_IsFetchedAndPlaced()
    {
        // PostgreSQL hands out ids before commit: job 2 can become visible after a pass read job 3.
        await using var data = await TestStore.OpenAsync();
        var store = new HidingStoreProxy.Builder(data.Store).Build(out var hiding);
        var at = TestServer.Start;
        await data.Store.RegisterSiteAsync("cn-a", Specs.Site("cn-a"), "local", at, None);
        var jobs = new List<JobRecord>();
        for (var i = 0; i < 3; i++)
        {
            jobs.Add(await data.Store.SubmitAsync(Specs.NewJob(Specs.Job("acme", name: $"j{i}")), at, None));
        }

        hiding.Hidden = jobs[1].Id;
        var (live, pass) = Pass(store);

        var first = await pass.RunAsync(None);
        hiding.Hidden = null;
        var second = await pass.RunAsync(None);

        Assert.Equal((2, 2), (first.Active, first.Started));
        Assert.Equal(jobs[2].Id, live.SpecsThrough);
        Assert.Equal((3, 1), (second.Active, second.Started));
        Assert.Equal(3, hiding.DocumentsLeftOut);
        Assert.Equal(3, live.Tracked);
        foreach (var job in jobs)
        {
            Assert.Equal(JobState.Placed, (await data.Store.GetJobAsync(job.Id, None))!.State);
        }
    }

    [Fact]
    public async Task SitesChange_RebuildsFromSpecsAlreadyHeld_AndPlacesTheQueueOnTheNewSite()
    {
        await using var data = await TestStore.OpenAsync();
        var store = new HidingStoreProxy.Builder(data.Store).Build(out var hiding);
        var at = TestServer.Start;
        await data.Store.RegisterSiteAsync("cn-a", Specs.Site("cn-a"), "local", at, None);
        for (var i = 0; i < 6; i++)
        {
            await data.Store.SubmitAsync(Specs.NewJob(Specs.Job("acme", name: $"j{i}", cards: 4)), at, None);
        }

        var (live, pass) = Pass(store);
        var first = await pass.RunAsync(None);
        await data.Store.RegisterSiteAsync("cn-b", Specs.Site("cn-b"), "local", at, None);
        var second = await pass.RunAsync(None);

        Assert.Equal(2, first.Started);
        Assert.Equal(2, second.Started);
        Assert.Equal(6, hiding.DocumentsLeftOut);
        Assert.Equal(6, live.Tracked);
        Assert.Equal((2, 4), (live.Waiting, live.Running));
    }

    private static (LiveScheduler Live, SchedulerPass Pass) Pass(IStore store)
    {
        var time = new ManualTimeProvider(TestServer.Start);
        var options = TestServer.Options(time);
        var dispatch = Options.Create(options.Dispatch);
        var live = new LiveScheduler(dispatch, new SiteDirectory(Options.Create(options.Market), options.Catalog, NullLogger<SiteDirectory>.Instance));
        return (live, new SchedulerPass(store, live, dispatch, time, new ClusterSnapshot(), new LiveSchedulerGate()));
    }
}

/// <summary>A store that leaves one job out of the active list while <see cref="Hidden"/> names it, and counts documents the list left out.</summary>
public class HidingStoreProxy : DispatchProxy
{
    private IStore _inner = null!;

    /// <summary>The job the active list leaves out, if any.</summary>
    public long? Hidden { get; set; }

    /// <summary>Jobs the active lists returned without their document, over all calls.</summary>
    public int DocumentsLeftOut { get; private set; }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        return targetMethod.Name == nameof(IStore.ListActiveJobsAsync) ? FilterAsync((Task<IReadOnlyList<JobRecord>>)result!) : result;
    }

    private async Task<IReadOnlyList<JobRecord>> FilterAsync(Task<IReadOnlyList<JobRecord>> read)
    {
        var jobs = (await read).Where(j => j.Id != Hidden).ToList();
        DocumentsLeftOut += jobs.Count(j => j.Document is null);
        return jobs;
    }

    /// <summary>Makes the proxy over a store.</summary>
    public sealed class Builder(IStore inner)
    {
        /// <summary>The store as the pass sees it, and the proxy that controls it.</summary>
        public IStore Build(out HidingStoreProxy proxy)
        {
            var store = Create<IStore, HidingStoreProxy>();
            proxy = (HidingStoreProxy)(object)store;
            proxy._inner = inner;
            return store;
        }
    }
}
