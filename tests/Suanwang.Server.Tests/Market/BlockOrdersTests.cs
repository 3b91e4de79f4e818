using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Suanwang.Core.Jobs;
using Suanwang.Core.Market;
using Suanwang.Protocol;
using Suanwang.Protocol.Market;
using Suanwang.Server.Tests.Hosting;
using Suanwang.Storage.Jobs;

namespace Suanwang.Server.Tests.Market;

public sealed class BlockOrdersTests : IAsyncLifetime
{
    // 16 cards; block 0 holds all of them for 2 h at 8 CNY per card-hour (256.00), block 1 one node for 30 days.
    private const string Site = """
        id: cn-a
        owner: Jingjin Compute
        jurisdiction: CN
        tier: core
        carbon: 500
        pools:
          - model: Ascend-910B
            cards_per_node: 8
            nodes: 2
            price: 10
            spot_price: 4
            reserved:
              - { cards: 16, hours: 2, price: 8 }
              - { cards: 8, hours: 720, price: 9 }
        """;

    private MarketServer _market = null!;

    public async Task InitializeAsync()
    {
        _market = await MarketServer.StartAsync(site: Site);
        (await _market.TopUpAsync("acme", "1000.00")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _market.DisposeAsync();

    private static string Block(int pool = 0, int index = 0, string site = "cn-a", DateTimeOffset? start = null) =>
        JsonSerializer.Serialize(new QuoteOrder(Block: new BlockOrder(site, pool, index, start)), ProtocolJson.Options);

    private static Task<HttpResponseMessage> BuyAsync(HttpClient client, string body, string key) =>
        MarketServer.OrderAsync(client, body, key, "application/json");

    private Task<long> BalanceOfAsync(string account) =>
        _market.Server.Store.GetBalanceAsync(account, "CNY", CancellationToken.None).ContinueWith(t => t.Result.Balance, TaskScheduler.Default);

    [Fact]
    public async Task Block_Answers201Settled_ChargingTheWalletAndPayingProviderAndCommission()
    {
        var order = await MarketServer.OrderOkAsync(_market.Acme, Block(), "block-1", "application/json");

        Assert.Equal(("block", "settled", "256.00", "256.00", (long?)null), (order.Kind, order.State, order.Reserved, order.Charged, order.Job));
        Assert.Equal(("744.00", "0.00"), ((await _market.BalanceAsync()).Available, (await _market.BalanceAsync()).Reserved));
        // 5% commission of 256.00.
        Assert.Equal(24_320, await BalanceOfAsync(Accounts.Payable("Jingjin Compute")));
        Assert.Equal(1_280, await BalanceOfAsync(Accounts.Revenue));
        var held = Assert.Single(await _market.Server.Store.ListActiveBlocksAsync(TestServer.Start, CancellationToken.None));
        Assert.Equal((order.Id, "acme", "cn-a", 0, 16, TestServer.Start, TestServer.Start.AddHours(2)), (held.OrderId, held.Tenant, held.Site, held.Pool, held.Cards, held.StartsAt, held.EndsAt));
        Assert.True((await _market.VerifyAsync()).Balanced);
    }

    [Fact]
    public async Task Block_OverlappingBlocksBeyondThePool_Answers409AndPostsNothing()
    {
        await MarketServer.OrderOkAsync(_market.Acme, Block(), "block-1", "application/json");
        var postings = (await _market.VerifyAsync()).Postings;

        var response = await BuyAsync(_market.Acme, Block(index: 1, start: TestServer.Start.AddHours(1)), "block-2");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("block", (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
        Assert.Equal(postings, (await _market.VerifyAsync()).Postings);
        Assert.Equal("744.00", (await _market.BalanceAsync()).Available);

        // Once the first block has ended the cards are free to reserve again.
        await MarketServer.OrderOkAsync(_market.Acme, Block(start: TestServer.Start.AddHours(2)), "block-3", "application/json");
    }

    [Theory]
    [InlineData("cn-x", 0, 0, 0, HttpStatusCode.NotFound, "block.site")]
    [InlineData("cn-a", 1, 0, 0, HttpStatusCode.BadRequest, "block.pool")]
    [InlineData("cn-a", 0, 2, 0, HttpStatusCode.BadRequest, "block.index")]
    [InlineData("cn-a", 0, -1, 0, HttpStatusCode.BadRequest, "block.index")]
    [InlineData("cn-a", 0, 0, -60, HttpStatusCode.BadRequest, "block.start")]
    [InlineData("cn-a", 0, 0, 91 * 24 * 60, HttpStatusCode.BadRequest, "block.start")]
    public async Task Block_BadInput_AnswersProblemNamingTheField_AndPostsNothing(string site, int pool, int index, int startMinutes, HttpStatusCode status, string field)
    {
        var response = await BuyAsync(_market.Acme, Block(pool, index, site, TestServer.Start.AddMinutes(startMinutes)), "bad");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(field, (await TestServer.ProblemAsync(response)).GetProperty("field").GetString());
        Assert.Equal(1, (await _market.VerifyAsync()).Postings);
        Assert.Empty(await _market.Server.Store.ListActiveBlocksAsync(TestServer.Start, CancellationToken.None));
    }

    [Fact]
    public async Task Block_TheBalanceCannotCover_Answers402()
    {
        var response = await BuyAsync(_market.Acme, Block(index: 1), "block-big");

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("51840.00", (await TestServer.ProblemAsync(response)).GetProperty("required").GetString());
        Assert.Equal(1, (await _market.VerifyAsync()).Postings);
    }

    [Fact]
    public async Task Block_ReplayedWithTheSameKey_ReturnsTheFirstOrder_AndChargesOnce()
    {
        var first = await MarketServer.OrderOkAsync(_market.Acme, Block(), "same-key", "application/json");
        _market.Server.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await BuyAsync(_market.Acme, Block(), "same-key");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Id, (await again.Content.ReadFromJsonAsync<OrderView>(ProtocolJson.Options))!.Id);
        Assert.Equal("744.00", (await _market.BalanceAsync()).Available);
        Assert.Single(await _market.Server.Store.ListActiveBlocksAsync(_market.Server.Time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task Block_HoldsItsCardsForItsTenant_OthersWaitUntilItEnds_AndTheOwnersJobIsPrepaid()
    {
        using var beta = await _market.Server.TenantAsync("beta");
        (await _market.TopUpAsync("beta", "100.00")).EnsureSuccessStatusCode();
        await MarketServer.OrderOkAsync(_market.Acme, Block(), "block-1", "application/json");

        var theirs = await MarketServer.OrderOkAsync(beta, MarketServer.Job("beta", "theirs"), "job-beta");
        // Ahead of beta's job in the queue, so by the time it is placed beta's has been tried too.
        var ours = await MarketServer.OrderOkAsync(_market.Acme, MarketServer.Job("acme", "ours") + "\npriority: 10\n", "job-acme");

        await _market.Server.WaitForJobAsync(ours.Job!.Value, j => j.State == JobState.Placed);
        Assert.Equal(JobState.Queued, (await _market.Server.Store.GetJobAsync(theirs.Job!.Value, CancellationToken.None))!.State);

        await _market.RunJobAsync(ours.Job.Value, 3600);
        await _market.SettleAsync();
        var settled = await _market.Server.Store.GetOrderAsync(ours.Id, CancellationToken.None);
        Assert.Equal((0L, "settled"), (settled!.Charged!.Value, settled.State));
        Assert.Equal(0m, Assert.Single(await _market.Server.Store.ListUsageAsync(ours.Job.Value, CancellationToken.None)).Price);
        Assert.Equal("744.00", (await _market.BalanceAsync()).Available);

        // The owner's job has ended but the block still holds the pool for it.
        Assert.Equal(JobState.Queued, (await _market.Server.Store.GetJobAsync(theirs.Job.Value, CancellationToken.None))!.State);
        // Past the block's end; the agent, silent meanwhile, registers again.
        _market.Server.Time.Advance(TimeSpan.FromHours(2));
        var epoch = (await _market.Server.RegisterAsync(Site)).Epoch;
        await _market.Server.AdvanceUntilAsync(
            async () =>
            {
                await _market.Server.HeartbeatOkAsync("cn-a", epoch);
                return (await _market.Server.Store.GetJobAsync(theirs.Job.Value, CancellationToken.None))!.State == JobState.Placed;
            },
            TimeSpan.FromSeconds(1),
            50);
        Assert.True(_market.Server.Time.GetUtcNow() >= TestServer.Start.AddHours(2));
    }
}
