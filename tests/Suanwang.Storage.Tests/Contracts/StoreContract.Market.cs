using System.Data.Common;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

public abstract partial class StoreContract
{
    protected const string Cny = "CNY";

    /// <summary>Tops up a tenant's wallet in CNY and returns the posting's result.</summary>
    protected static Task<PostResult> TopUpAsync(IStore store, string tenant, long amount, string? key = null, DateTimeOffset? at = null) =>
        store.PostAsync(Postings.TopUp(tenant, amount, Cny, Cny, 1m, "top-up"), key, at ?? T0, None);

    protected static async Task<long> BalanceAsync(IStore store, string account, string currency = Cny) =>
        (await store.GetBalanceAsync(account, currency, None)).Balance;

    protected static NewOrder JobOrder(string key = "key-1", long reserved = 2_500, string tenant = "acme", string hash = "hash-1") =>
        new(MarketIds.Order(), tenant, key, hash, OrderKinds.Job, "quo_1", Cny, reserved);

    protected static NewOrder BlockOrder(string key = "block-1", long price = 9_000, string tenant = "acme", NewBlock? block = null)
    {
        var id = MarketIds.Order();
        return new NewOrder(id, tenant, key, "hash-b", OrderKinds.Block, null, Cny, price,
            Postings.Block(tenant, id, new ProviderCharge("gpu-co", price, price / 10), Cny),
            block ?? Held());
    }

    /// <summary>What a block holds: <paramref name="cards"/> of pool 0 of cn-sh-1 (16 cards) for <paramref name="hours"/> from T0 + <paramref name="fromHour"/>.</summary>
    protected static NewBlock Held(int cards = 8, double fromHour = 0, double hours = 720, string site = "cn-sh-1", int pool = 0) =>
        new(site, pool, cards, T0.AddHours(fromHour), T0.AddHours(fromHour + hours), 16);

    /// <summary>Places a job order for a funded tenant, then runs and finishes its job: an order ready to settle.</summary>
    protected static async Task<(OrderRecord Order, JobRecord Job)> FinishedOrderAsync(IStore store, long reserved = 2_500, double seconds = 3600)
    {
        await TopUpAsync(store, "acme", 10_000);
        var order = (await store.PlaceOrderAsync(JobOrder(reserved: reserved), Job(), T0, None)).Order!;
        var jobId = order.JobId!.Value;
        Assert.True(await store.PlaceAsync(PlacementOf(jobId), 0, T0.AddSeconds(1), None));
        Assert.True(await store.MarkRunningAsync(jobId, 1, T0.AddSeconds(2), None));
        Assert.True(await store.FinishAsync(jobId, 1, JobState.Succeeded, 0, seconds, null, T0.AddHours(1), None));
        return (order, (await store.GetJobAsync(jobId, None))!);
    }
}
