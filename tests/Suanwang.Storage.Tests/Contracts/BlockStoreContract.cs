using Suanwang.Core.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Market.IBlockStore"/> must do, with the block orders that fill it: no pool oversold.</summary>
public abstract class BlockStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task PlaceOrder_Block_StoresWhatItHolds_ListedOnlyWhileInForce()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var order = BlockOrder(block: Held(cards: 8, fromHour: 1, hours: 2));

        var result = await store.PlaceOrderAsync(order, null, T0, None);

        Assert.False(result.Oversold);
        var expected = new BlockRecord(order.Id, "acme", "cn-sh-1", 0, 8, T0.AddHours(1), T0.AddHours(3));
        Assert.Empty(await store.ListActiveBlocksAsync(T0.AddMinutes(59), None));
        Assert.Equal([expected], await store.ListActiveBlocksAsync(T0.AddHours(1), None));
        Assert.Equal([expected], await store.ListActiveBlocksAsync(T0.AddHours(3).AddSeconds(-1), None));
        Assert.Empty(await store.ListActiveBlocksAsync(T0.AddHours(3), None));
    }

    [Fact]
    public async Task PlaceOrder_BlockBeyondWhatThePoolHasLeftInThePeriod_IsOversoldAndWritesNothing()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100_000);
        await TopUpAsync(store, "beta", 100_000);
        Assert.False((await store.PlaceOrderAsync(BlockOrder("b1", block: Held(cards: 10, hours: 10)), null, T0, None)).Oversold);
        var postings = (await store.VerifyLedgerAsync(None)).Postings;

        var result = await store.PlaceOrderAsync(BlockOrder("b2", tenant: "beta", block: Held(cards: 7, fromHour: 9, hours: 10)), null, T0, None);

        Assert.Equal((true, false, (OrderRecord?)null), (result.Oversold, result.Insufficient, result.Order));
        Assert.Equal(postings, (await store.VerifyLedgerAsync(None)).Postings);
        Assert.Equal(100_000, await BalanceAsync(store, Accounts.Wallet("beta")));
        Assert.Null(await store.FindOrderAsync("beta", "b2", None));
        Assert.Single(await store.ListActiveBlocksAsync(T0.AddHours(9.5), None));
    }

    [Fact]
    public async Task PlaceOrder_BlocksThatFitTogetherOrDoNotOverlap_AreAllPlaced()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100_000);

        var results = new[]
        {
            await store.PlaceOrderAsync(BlockOrder("b1", block: Held(cards: 10, hours: 10)), null, T0, None),
            await store.PlaceOrderAsync(BlockOrder("b2", block: Held(cards: 6, hours: 10)), null, T0, None),
            await store.PlaceOrderAsync(BlockOrder("b3", block: Held(cards: 16, fromHour: 10, hours: 5)), null, T0, None),
            await store.PlaceOrderAsync(BlockOrder("b4", block: Held(cards: 16, pool: 1)), null, T0, None),
        };

        Assert.All(results, r => Assert.False(r.Oversold || r.Insufficient));
        Assert.Equal(3, (await store.ListActiveBlocksAsync(T0, None)).Count);
        Assert.Equal(2, (await store.ListActiveBlocksAsync(T0.AddHours(10), None)).Count);
    }

    [Fact]
    public async Task PlaceOrder_BlockReplayed_StoresItOnce()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100_000);
        var order = BlockOrder("same", block: Held(cards: 16));
        await store.PlaceOrderAsync(order, null, T0, None);

        var again = await store.PlaceOrderAsync(BlockOrder("same", block: Held(cards: 16)), null, T0, None);

        Assert.Equal((true, false), (again.Replayed, again.Oversold));
        Assert.Equal(order.Id, again.Order!.Id);
        Assert.Single(await store.ListActiveBlocksAsync(T0, None));
    }

    [Fact]
    public async Task PlaceOrder_BlocksConcurrentlyFromThreeStoresSharingTheDatabase_NeverOversellThePool()
    {
        var stores = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        await TopUpAsync(stores[0], "acme", 1_000_000);

        // 16 cards: at most five 3-card blocks fit at once.
        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => stores[i % 3].PlaceOrderAsync(BlockOrder($"b{i}", price: 100, block: Held(cards: 3)), null, T0, None))));

        Assert.Equal(5, results.Count(r => r.Order is not null));
        Assert.Equal(55, results.Count(r => r.Oversold));
        Assert.Equal(15, (await stores[1].ListActiveBlocksAsync(T0, None)).Sum(b => b.Cards));
        Assert.Equal(1_000_000 - 500, await BalanceAsync(stores[2], Accounts.Wallet("acme")));
    }
}
