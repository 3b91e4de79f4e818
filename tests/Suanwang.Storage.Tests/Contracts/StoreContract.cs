using Suanwang.Core.Accelerators;
using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;

namespace Suanwang.Storage.Tests;

/// <summary>
/// The ground every contract suite stands on: each suite says what one store interface must do
/// and runs against each database by a one-line sealed subclass. Each test gets a database of its own.
/// </summary>
public abstract partial class StoreContract(IStoreDatabases databases) : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    protected static readonly CancellationToken None = CancellationToken.None;

    protected const string SiteSpec = "id: cn-sh-1\njurisdiction: CN\npools:\n  - model: H100\n    nodes: 4\n";

    protected static readonly string KeyHash = new('a', 64);

    private readonly List<IStore> _opened = [];

    /// <summary>
    /// A store, not yet migrated, over this test's own database: empty on the first call; later
    /// calls in the same test open the same database again (to check what survives a restart).
    /// </summary>
    protected Task<IStore> CreateStoreAsync() => databases.OpenAsync(this);

    /// <summary>Runs SQL on this test's database behind the store's back: how a test tampers with it.</summary>
    protected Task ExecuteSqlAsync(string sql) => databases.ExecuteSqlAsync(this, sql);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>A migrated store over this test's database, disposed after the test.</summary>
    protected async Task<IStore> OpenAsync()
    {
        var store = Track(await CreateStoreAsync());
        await store.MigrateAsync(None);
        return store;
    }

    /// <summary>Disposes the store after the test.</summary>
    protected IStore Track(IStore store)
    {
        _opened.Add(store);
        return store;
    }

    protected static NewJob Job(string tenant = "acme", string name = "train", int priority = 0)
    {
        var text = $"name: {name}\ntenant: {tenant}\npriority: {priority}\nresources:\n  accelerators: H100-SXM:8\nestimated_runtime: 1h\n";
        return new(JobSpecReader.Parse(text, "test", AcceleratorCatalog.Default), text);
    }

    /// <summary>Devices 0..cards-1 on each of <paramref name="nodes"/> nodes, flat in allocation order.</summary>
    protected static int[] DevicesOf(int nodes, int cards) => [.. Enumerable.Range(0, nodes).SelectMany(_ => Enumerable.Range(0, cards))];

    protected static Placement PlacementOf(long jobId, string site = "cn-sh-1") => new(jobId, site, 0, [0, 1], 8, DevicesOf(2, 8), 12.50m, "CNY", false);

    /// <summary>Submits a job and places it: returns it placed, with fence 1.</summary>
    protected static async Task<JobRecord> PlacedAsync(IStore store, string site = "cn-sh-1", string tenant = "acme")
    {
        var job = await store.SubmitAsync(Job(tenant), T0, None);
        Assert.True(await store.PlaceAsync(PlacementOf(job.Id, site), job.Fence, T0.AddSeconds(1), None));
        return (await store.GetJobAsync(job.Id, None))!;
    }

    /// <summary>Submits, places and starts a job: returns it running, with fence 1.</summary>
    protected static async Task<JobRecord> RunningAsync(IStore store, string site = "cn-sh-1", string tenant = "acme")
    {
        var job = await PlacedAsync(store, site, tenant);
        Assert.True(await store.MarkRunningAsync(job.Id, job.Fence, T0.AddSeconds(2), None));
        return (await store.GetJobAsync(job.Id, None))!;
    }
}
