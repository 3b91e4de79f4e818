using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="IStore"/> must do as a whole: migrations, the scheduler lease, disposal and what survives a restart.</summary>
public abstract class StoreLifetimeContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task Migrate_Again_IsANoOp()
    {
        var store = await OpenAsync();
        var job = await store.SubmitAsync(Job(), T0, None);

        await store.MigrateAsync(None);
        await store.MigrateAsync(None);

        Assert.Equal(job, await store.GetJobAsync(job.Id, None));
        Assert.Equal(job.Id + 1, (await store.SubmitAsync(Job(), T0, None)).Id);
    }

    [Fact]
    public async Task Migrate_FromTheFirstVersion_KeepsJobsAndMetersThemWithoutAPrice()
    {
        var store = Track(await CreateStoreAsync());
        var sqlite = store.Dialect == "sqlite";
        await ExecuteSqlAsync(Migrations.MigrationScripts.For(store.Dialect)[0].Sql);
        await ExecuteSqlAsync(sqlite
            ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT; " +
              "INSERT INTO schema_migrations VALUES (1, 'initial', '2026-05-01T08:00:00.000000Z')"
            : "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()); " +
              "INSERT INTO schema_migrations (version, name) VALUES (1, 'initial')");
        await ExecuteSqlAsync(
            "INSERT INTO jobs (tenant, name, spec, state, priority, site, pool, nodes, cards_per_node, fence, submitted_at, started_at) " +
            "VALUES ('acme', 'old', 'name: old\ntenant: acme\nresources: {}\nestimated_runtime: 1h', 'running', 0, 'cn-sh-1', 0, '0', 8, 1, '2026-05-01T08:00:00.000000Z', '2026-05-01T08:00:01.000000Z')");

        await store.MigrateAsync(None);

        var job = (await store.GetJobAsync(1, None))!;
        Assert.Equal((JobState.Running, (string?)null), (job.State, job.PinnedSite));
        Assert.True(await store.FinishAsync(1, 1, JobState.Succeeded, 0, 80, null, T0.AddSeconds(11), None));
        var usage = Assert.Single(await store.ListUsageAsync(1, None));
        Assert.Equal((8, (decimal?)null, (string?)null, false), (usage.Cards, usage.Price, usage.PriceCurrency, usage.Spot));
        Assert.True((await store.VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task Migrate_ConcurrentlyFromTwoStores_BothSucceed()
    {
        var first = Track(await CreateStoreAsync());
        var second = Track(await CreateStoreAsync());

        await Task.WhenAll(first.MigrateAsync(None), second.MigrateAsync(None));

        var job = await first.SubmitAsync(Job(), T0, None);
        Assert.Equal(job, await second.GetJobAsync(job.Id, None));
    }

    [Fact]
    public async Task SchedulerLease_SecondAcquireFailsWhileTheFirstIsHeld_SucceedsAfterDispose()
    {
        var store = await OpenAsync();
        var other = await OpenAsync();

        var lease = await store.TryAcquireSchedulerLeaseAsync(None);
        Assert.NotNull(lease);
        Assert.Null(await store.TryAcquireSchedulerLeaseAsync(None));
        Assert.Null(await other.TryAcquireSchedulerLeaseAsync(None));

        await lease.DisposeAsync();

        var next = await other.TryAcquireSchedulerLeaseAsync(None);
        Assert.NotNull(next);
        await next.DisposeAsync();
    }

    [Fact]
    public async Task SchedulerLease_IsHeldUntilDisposed()
    {
        var store = await OpenAsync();
        var lease = (await store.TryAcquireSchedulerLeaseAsync(None))!;

        Assert.True(await lease.IsHeldAsync(None));
        await lease.DisposeAsync();
        Assert.False(await lease.IsHeldAsync(None));
        await lease.DisposeAsync();
    }

    [Fact]
    public async Task Submit_1000Concurrent_AllGetDistinctIdsAndAllAreDurable()
    {
        var store = await OpenAsync();

        var submissions = Enumerable.Range(0, 1000)
            .Select(i => Task.Run(() => store.SubmitAsync(Job(name: $"job-{i}"), T0, None)))
            .ToList();
        var jobs = await Task.WhenAll(submissions);
        await store.DisposeAsync();

        Assert.Equal(1000, jobs.Select(j => j.Id).Distinct().Count());
        var reopened = await OpenAsync();
        var stored = await reopened.ListJobsAsync(new JobQuery(Limit: 1000), None);
        Assert.Equal(jobs.Select(j => j.Id).Order(), stored.Select(j => j.Id).Order());
        Assert.Equal(
            jobs.ToDictionary(j => j.Id, j => j.Name),
            stored.ToDictionary(j => j.Id, j => j.Name));
    }

    [Fact]
    public async Task Reopen_AfterDispose_SeesEverything()
    {
        var store = await OpenAsync();
        await store.CreateTenantAsync(new Tenants.TenantRecord("acme", "Acme", 1, T0), None);
        await store.CreateApiKeyAsync(new Tenants.ApiKeyRecord("k_1", KeyHash, Tenants.KeyRole.Tenant, "acme", null, T0), None);
        var site = await store.RegisterSiteAsync("cn-sh-1", SiteSpec, "local", T0, None);
        var running = await RunningAsync(store);
        Assert.True(await store.AppendLogAsync(running.Id, running.Fence, 0, "hello\n", None));
        var queued = await store.SubmitAsync(Job(), T0, None);
        var events = await store.ListEventsAsync(running.Id, None);
        await store.DisposeAsync();

        var reopened = await OpenAsync();

        Assert.Equal(running, await reopened.GetJobAsync(running.Id, None));
        Assert.Equal(queued, await reopened.GetJobAsync(queued.Id, None));
        Assert.Equal(events, await reopened.ListEventsAsync(running.Id, None));
        Assert.Equal("hello\n", Assert.Single(await reopened.ReadLogAsync(running.Id, 0, 100, None)).Text);
        Assert.Equal(site, await reopened.GetSiteAsync("cn-sh-1", None));
        Assert.NotNull(await reopened.GetTenantAsync("acme", None));
        Assert.NotNull(await reopened.FindApiKeyAsync(KeyHash, None));
        Assert.Equal([running.Id, queued.Id], (await reopened.ListActiveJobsAsync(None)).Select(j => j.Id));
        Assert.True((await reopened.SubmitAsync(Job(), T0, None)).Id > queued.Id);
    }

    [Fact]
    public async Task Dispose_WaitsForQueuedWrites()
    {
        var store = await OpenAsync();

        var pending = Enumerable.Range(0, 300).Select(_ => store.SubmitAsync(Job(), T0, None)).ToList();
        await store.DisposeAsync();

        // Committed, not dropped: every caller gets its job (a dropped write would never complete).
        var jobs = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(300, jobs.Select(j => j.Id).Distinct().Count());
        var reopened = await OpenAsync();
        Assert.Equal(300, (await reopened.ListJobsAsync(new JobQuery(Limit: 1000), None)).Count);
    }

    [Fact]
    public async Task Submit_AfterDispose_Throws()
    {
        var store = await OpenAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SubmitAsync(Job(), T0, None));
    }

    [Fact]
    public async Task Submit_WithCancelledToken_WritesNothing()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SubmitAsync(Job(), T0, cancelled.Token));

        Assert.Empty(await store.ListJobsAsync(new JobQuery(), None));
    }

    [Fact]
    public async Task Reopen_KeepsTheLedgerOrdersUsageAndQuotes()
    {
        var store = await OpenAsync();
        var (order, job) = await FinishedOrderAsync(store);
        var open = (await store.PlaceOrderAsync(JobOrder(key: "open"), Job(), T0, None)).Order!;
        await store.SettleOrderAsync(
            order.Id,
            [new SettledUsage(job.Id, 1, 1, 2, 3, 4, 500, 50)],
            Core.Market.Postings.Settle("acme", order.Id, 2_500, [new Core.Market.ProviderCharge("gpu-co", 500, 50)], Cny),
            T0.AddHours(2),
            None);
        var quote = new QuoteRecord(MarketIds.Quote(), "acme", "a", "[]", T0, T0.AddMinutes(15));
        await store.SaveQuoteAsync(quote, None);
        var balances = await store.ListBalancesAsync("", None);
        var lines = await store.ListLinesAsync("", T0.AddDays(-1), T0.AddDays(1), None);
        var usage = await store.ListUsageAsync(job.Id, None);
        var orders = await store.ListOrdersAsync(null, 10, null, None);
        await store.DisposeAsync();

        var reopened = await OpenAsync();

        Assert.Equal(balances, await reopened.ListBalancesAsync("", None));
        Assert.Equal(lines, await reopened.ListLinesAsync("", T0.AddDays(-1), T0.AddDays(1), None));
        Assert.Equal(usage, await reopened.ListUsageAsync(job.Id, None));
        Assert.Equal(orders, await reopened.ListOrdersAsync(null, 10, null, None));
        Assert.Equal(open, await reopened.GetOrderAsync(open.Id, None));
        Assert.Equal(quote, await reopened.GetQuoteAsync(quote.Id, None));
        Assert.Equal(job with { PinnedSite = null }, await reopened.GetJobAsync(job.Id, None));
        var check = await reopened.VerifyLedgerAsync(None);
        Assert.True(check.Balanced);
        Assert.Equal(4, check.Postings);
        var again = await TopUpAsync(reopened, "acme", 1);
        Assert.True(again.PostingId > lines.Max(l => l.PostingId));
    }
}
