using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Market.IOrderStore"/> must do: placing orders against a wallet, once per key, and settling them once.</summary>
public abstract class OrderStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task PlaceOrder_Job_SubmitsTheJobReservesAndStoresTheOrder()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var order = JobOrder();

        var result = await store.PlaceOrderAsync(order, Job() with { PinnedSite = "cn-sh-1" }, T0, None);

        Assert.False(result.Replayed);
        Assert.True(result.SameRequest);
        Assert.False(result.Insufficient);
        var placed = result.Order!;
        Assert.Equal(
            new OrderRecord(order.Id, "acme", "key-1", "hash-1", OrderKinds.Job, "quo_1", placed.JobId, Cny, 2_500, null, OrderStates.Open, T0, null),
            placed);
        Assert.Equal(placed, await store.GetOrderAsync(order.Id, None));
        var job = (await store.GetJobAsync(placed.JobId!.Value, None))!;
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal("cn-sh-1", job.PinnedSite);
        Assert.Equal("submitted", Assert.Single(await store.ListEventsAsync(job.Id, None)).Kind);
        Assert.Equal(7_500, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(2_500, await BalanceAsync(store, Accounts.Hold("acme")));
        var reserve = Assert.Single(await store.ListLinesAsync(Accounts.Hold("acme"), T0, T0.AddSeconds(1), None));
        Assert.Equal((PostingKinds.Reserve, order.Id), (reserve.Kind, reserve.OrderId));
    }

    [Fact]
    public async Task PlaceOrder_SameKeyAndRequest_ReplaysTheOrderAndWritesNothing()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var first = await store.PlaceOrderAsync(JobOrder(), Job(), T0, None);

        var again = await store.PlaceOrderAsync(JobOrder(), Job(), T0.AddMinutes(1), None);

        Assert.Equal(new OrderResult(first.Order, Replayed: true, SameRequest: true, Insufficient: false), again);
        Assert.Single(await store.ListJobsAsync(new JobQuery(), None));
        Assert.Equal(7_500, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(2, (await store.VerifyLedgerAsync(None)).Postings);
    }

    [Fact]
    public async Task PlaceOrder_SameKeyOtherRequest_ReportsNotTheSameRequest()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var first = await store.PlaceOrderAsync(JobOrder(), Job(), T0, None);

        var other = await store.PlaceOrderAsync(JobOrder(hash: "hash-2", reserved: 100), Job(), T0, None);

        Assert.Equal(new OrderResult(first.Order, Replayed: true, SameRequest: false, Insufficient: false), other);
        Assert.Equal(7_500, await BalanceAsync(store, Accounts.Wallet("acme")));
    }

    [Fact]
    public async Task FindOrder_ByTenantAndKey_FindsOnlyThatTenantsOrder()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var placed = await store.PlaceOrderAsync(JobOrder(), Job(), T0, None);

        var found = await store.FindOrderAsync("acme", placed.Order!.IdempotencyKey, None);
        var otherTenant = await store.FindOrderAsync("other", placed.Order.IdempotencyKey, None);
        var otherKey = await store.FindOrderAsync("acme", "never-used", None);

        Assert.Equal(placed.Order, found);
        Assert.Null(otherTenant);
        Assert.Null(otherKey);
    }

    [Fact]
    public async Task PlaceOrder_SameKeyOfAnotherTenant_IsANewOrder()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        await TopUpAsync(store, "other", 10_000);
        var first = await store.PlaceOrderAsync(JobOrder(), Job(), T0, None);

        var other = await store.PlaceOrderAsync(JobOrder(tenant: "other"), Job("other"), T0, None);

        Assert.False(other.Replayed);
        Assert.NotEqual(first.Order!.Id, other.Order!.Id);
    }

    [Fact]
    public async Task PlaceOrder_Insufficient_WritesNothing()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 2_499);

        var result = await store.PlaceOrderAsync(JobOrder(), Job(), T0, None);

        Assert.Equal(new OrderResult(null, Replayed: false, SameRequest: true, Insufficient: true), result);
        Assert.Empty(await store.ListJobsAsync(new JobQuery(), None));
        Assert.Empty(await store.ListOrdersAsync(null, 10, null, None));
        Assert.Equal(2_499, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(1, (await store.VerifyLedgerAsync(None)).Postings);
    }

    [Fact]
    public async Task PlaceOrder_NothingToReserve_OpensTheOrderWithoutAPosting()
    {
        var store = await OpenAsync();

        var result = await store.PlaceOrderAsync(JobOrder(reserved: 0), Job(), T0, None);

        Assert.Equal(OrderStates.Open, result.Order!.State);
        Assert.NotNull(result.Order.JobId);
        Assert.Equal(0, (await store.VerifyLedgerAsync(None)).Postings);
    }

    [Fact]
    public async Task PlaceOrder_1000Concurrent_NeverExceedTheWallet()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 50_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(() => store.PlaceOrderAsync(JobOrder(key: $"k{i}", reserved: 137), Job(), T0, None))));

        var placed = results.Where(r => !r.Insufficient).ToList();
        var wallet = await BalanceAsync(store, Accounts.Wallet("acme"));
        Assert.Equal(50_000 / 137, placed.Count);
        Assert.Equal(50_000, (placed.Count * 137) + wallet);
        Assert.True(wallet >= 0);
        Assert.Equal(placed.Count * 137, await BalanceAsync(store, Accounts.Hold("acme")));
        Assert.All(results.Where(r => r.Insufficient), r => Assert.Null(r.Order));
        Assert.Equal(placed.Count, (await store.ListJobsAsync(new JobQuery(Limit: 1000), None)).Count);
        Assert.True((await store.VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task PlaceOrder_ConcurrentlyFromThreeStoresSharingTheDatabase_NeverExceedTheWallet()
    {
        var stores = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        await TopUpAsync(stores[0], "acme", 20_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 600).Select(i =>
            Task.Run(() => stores[i % 3].PlaceOrderAsync(JobOrder(key: $"k{i}", reserved: 101), Job(), T0, None))));

        var placed = results.Count(r => !r.Insufficient);
        var wallet = await BalanceAsync(stores[1], Accounts.Wallet("acme"));
        Assert.Equal(20_000 / 101, placed);
        Assert.Equal(20_000, (placed * 101) + wallet);
        Assert.True((await stores[2].VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task PlaceOrder_SameKeyConcurrentlyFromTwoStores_PlacesOneOrder()
    {
        var stores = new[] { await OpenAsync(), await OpenAsync() };
        await TopUpAsync(stores[0], "acme", 100_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => stores[i % 2].PlaceOrderAsync(JobOrder(key: "same"), Job(), T0, None))));

        var placed = Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(placed.Order, r.Order));
        Assert.Single(await stores[0].ListJobsAsync(new JobQuery(), None));
        Assert.Equal(97_500, await BalanceAsync(stores[1], Accounts.Wallet("acme")));
    }

    [Fact]
    public async Task PlaceOrder_Block_ChargesInFullAndIsSettledAtOnce()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var order = BlockOrder();

        var result = await store.PlaceOrderAsync(order, null, T0, None);

        Assert.Equal(
            new OrderRecord(order.Id, "acme", "block-1", "hash-b", OrderKinds.Block, null, null, Cny, 9_000, 9_000, OrderStates.Settled, T0, T0),
            result.Order);
        Assert.Empty(await store.ListJobsAsync(new JobQuery(), None));
        Assert.Equal(1_000, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(0, await BalanceAsync(store, Accounts.Hold("acme")));
        Assert.Equal(8_100, await BalanceAsync(store, Accounts.Payable("gpu-co")));
        Assert.Equal(900, await BalanceAsync(store, Accounts.Revenue));
        Assert.Empty(await store.ListOrdersToSettleAsync(10, None));
    }

    [Fact]
    public async Task PlaceOrder_BlockBeyondTheWallet_IsInsufficient()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 8_999);

        var result = await store.PlaceOrderAsync(BlockOrder(), null, T0, None);

        Assert.True(result.Insufficient);
        Assert.Equal(0, await BalanceAsync(store, Accounts.Payable("gpu-co")));
    }

    [Fact]
    public async Task PlaceOrder_Inconsistent_Throws()
    {
        var store = await OpenAsync();
        var block = BlockOrder();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(JobOrder(), null, T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(JobOrder(), Job("other"), T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(block, Job(), T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(block with { Reserved = 8_000 }, null, T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(block with { Block = null }, null, T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(block with { Block = Held(cards: 17) }, null, T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(block with { Block = Held(hours: 0) }, null, T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(JobOrder() with { Block = Held() }, Job(), T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PlaceOrderAsync(JobOrder() with { Kind = "gift" }, Job(), T0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.PlaceOrderAsync(JobOrder(reserved: -1), Job(), T0, None));
    }

    [Fact]
    public async Task GetOrder_Unknown_ReturnsNull()
    {
        var store = await OpenAsync();

        Assert.Null(await store.GetOrderAsync("ord_none", None));
    }

    [Fact]
    public async Task ListOrders_NewestFirst_PagedAndFilteredByTenant()
    {
        var store = await OpenAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var tenant = i == 2 ? "other" : "acme";
            ids.Add((await store.PlaceOrderAsync(JobOrder(key: $"k{i}", reserved: 0, tenant: tenant), Job(tenant), T0.AddMinutes(i), None)).Order!.Id);
        }

        var first = await store.ListOrdersAsync("acme", 2, null, None);
        var second = await store.ListOrdersAsync("acme", 2, first[^1].Id, None);
        var all = await store.ListOrdersAsync(null, 10, null, None);

        Assert.Equal([ids[4], ids[3]], first.Select(o => o.Id));
        Assert.Equal([ids[1], ids[0]], second.Select(o => o.Id));
        Assert.Equal(Enumerable.Reverse(ids), all.Select(o => o.Id));
    }

    [Fact]
    public async Task ListOrdersToSettle_ReturnsOpenJobOrdersWhoseJobIsFinal()
    {
        var store = await OpenAsync();
        var (finished, _) = await FinishedOrderAsync(store);
        await store.PlaceOrderAsync(JobOrder(key: "queued"), Job(), T0, None);
        var cancelled = (await store.PlaceOrderAsync(JobOrder(key: "cancelled"), Job(), T0.AddSeconds(1), None)).Order!;
        await store.CancelAsync(cancelled.JobId!.Value, "no longer needed", T0.AddSeconds(2), None);
        await store.PlaceOrderAsync(BlockOrder(price: 100), null, T0, None);

        var due = await store.ListOrdersToSettleAsync(10, None);

        Assert.Equal([finished.Id, cancelled.Id], due.Select(o => o.Id));
        Assert.Equal([finished.Id], (await store.ListOrdersToSettleAsync(1, None)).Select(o => o.Id));
    }

    [Fact]
    public async Task ListOrdersToSettle_JobCancelledWhilePlaced_WaitsForTheStopReport()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var order = (await store.PlaceOrderAsync(JobOrder(), Job(), T0, None)).Order!;
        var jobId = order.JobId!.Value;
        Assert.True(await store.PlaceAsync(PlacementOf(jobId), 0, T0.AddSeconds(1), None));
        await store.CancelAsync(jobId, "no longer needed", T0.AddSeconds(10), None);

        // Cancelled since the given time and not reported: it waits; cancelled before it: it does not.
        Assert.Empty(await store.ListOrdersToSettleAsync(10, T0.AddSeconds(10), None));
        Assert.Equal([order.Id], (await store.ListOrdersToSettleAsync(10, T0.AddSeconds(11), None)).Select(o => o.Id));
        Assert.Equal([order.Id], (await store.ListOrdersToSettleAsync(10, None)).Select(o => o.Id));

        // The site's stop report gives the run its start: it waits no longer.
        Assert.True(await store.MeterStoppedRunAsync(jobId, 1, 16 * 5.0, T0.AddSeconds(5), None));
        Assert.Equal([order.Id], (await store.ListOrdersToSettleAsync(10, T0.AddSeconds(10), None)).Select(o => o.Id));
    }

    [Fact]
    public async Task SettleOrder_Once_ChargesReleasesTheRestAndWritesTheFigures()
    {
        var store = await OpenAsync();
        var (order, job) = await FinishedOrderAsync(store);
        var usage = new SettledUsage(job.Id, 1, 1.0, 0.99, 0.7, 0.35, 1_200, 120);
        var settlement = Postings.Settle("acme", order.Id, 2_500, [new ProviderCharge("gpu-co", 1_200, 120)], Cny);

        Assert.True(await store.SettleOrderAsync(order.Id, [usage], settlement, T0.AddHours(2), None));

        Assert.Equal(order with { State = OrderStates.Settled, Charged = 1_200, SettledAt = T0.AddHours(2) }, await store.GetOrderAsync(order.Id, None));
        Assert.Equal(8_800, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(0, await BalanceAsync(store, Accounts.Hold("acme")));
        Assert.Equal(1_080, await BalanceAsync(store, Accounts.Payable("gpu-co")));
        Assert.Equal(120, await BalanceAsync(store, Accounts.Revenue));
        var row = Assert.Single(await store.ListUsageAsync(job.Id, None));
        Assert.Equal((1.0, 0.99, 0.7, 0.35, 1_200L, 120L), (row.CardHours, row.PetaflopHours, row.Kwh, row.KgCo2, row.Charge, row.Commission));
        Assert.Empty(await store.ListOrdersToSettleAsync(10, None));

        Assert.False(await store.SettleOrderAsync(order.Id, [usage], settlement, T0.AddHours(3), None));
        Assert.Equal(8_800, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(T0.AddHours(2), (await store.GetOrderAsync(order.Id, None))!.SettledAt);
        Assert.True((await store.VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task SettleOrder_ConcurrentlyFromTwoStores_HappensOnce()
    {
        var stores = new[] { await OpenAsync(), await OpenAsync() };
        var (order, job) = await FinishedOrderAsync(stores[0]);
        var settlement = Postings.Settle("acme", order.Id, 2_500, [new ProviderCharge("gpu-co", 1_000, 100)], Cny);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].SettleOrderAsync(order.Id, [new SettledUsage(job.Id, 1, 1, 1, 1, 1, 1_000, 100)], settlement, T0.AddHours(2), None))));

        Assert.Single(results, settled => settled);
        Assert.Equal(900, await BalanceAsync(stores[1], Accounts.Payable("gpu-co")));
        Assert.Equal(9_000, await BalanceAsync(stores[1], Accounts.Wallet("acme")));
    }

    [Fact]
    public async Task SettleOrder_JobNotFinal_ReturnsFalseAndWritesNothing()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var order = (await store.PlaceOrderAsync(JobOrder(), Job(), T0, None)).Order!;

        var settled = await store.SettleOrderAsync(order.Id, [], Postings.Settle("acme", order.Id, 2_500, [], Cny), T0, None);

        Assert.False(settled);
        Assert.Equal(OrderStates.Open, (await store.GetOrderAsync(order.Id, None))!.State);
        Assert.Equal(2_500, await BalanceAsync(store, Accounts.Hold("acme")));
    }

    [Fact]
    public async Task SettleOrder_Unknown_ReturnsFalse()
    {
        var store = await OpenAsync();

        Assert.False(await store.SettleOrderAsync("ord_none", [], Postings.Settle("acme", "ord_none", 100, [], Cny), T0, None));
    }

    [Fact]
    public async Task SettleOrder_ReleasingOtherThanTheReserve_ThrowsAndWritesNothing()
    {
        var store = await OpenAsync();
        var (order, job) = await FinishedOrderAsync(store);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SettleOrderAsync(order.Id, [], Postings.Settle("acme", order.Id, 2_400, [], Cny), T0, None));

        Assert.Equal(OrderStates.Open, (await store.GetOrderAsync(order.Id, None))!.State);
        Assert.Equal(2_500, await BalanceAsync(store, Accounts.Hold("acme")));
        Assert.Null(Assert.Single(await store.ListUsageAsync(job.Id, None)).Charge);
    }

    [Fact]
    public async Task SettleOrder_UsageNotTheJobs_ThrowsAndWritesNothing()
    {
        var store = await OpenAsync();
        var (order, job) = await FinishedOrderAsync(store);
        var settlement = Postings.Settle("acme", order.Id, 2_500, [new ProviderCharge("gpu-co", 1_000, 100)], Cny);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SettleOrderAsync(order.Id, [new SettledUsage(job.Id, 7, 1, 1, 1, 1, 1_000, 100)], settlement, T0, None));

        Assert.Equal(OrderStates.Open, (await store.GetOrderAsync(order.Id, None))!.State);
        Assert.Equal(0, await BalanceAsync(store, Accounts.Payable("gpu-co")));
    }

    [Fact]
    public async Task SettleOrder_ChargesNotMatchingThePosting_Throw()
    {
        var store = await OpenAsync();
        var (order, job) = await FinishedOrderAsync(store);
        var settlement = Postings.Settle("acme", order.Id, 2_500, [new ProviderCharge("gpu-co", 1_000, 100)], Cny);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SettleOrderAsync(order.Id, [new SettledUsage(job.Id, 1, 1, 1, 1, 1, 900, 90)], settlement, T0, None));
    }
}
