using Suanwang.Core.Jobs;
using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

public abstract partial class StoreContract
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
    public async Task Submit_KeepsThePinnedSite()
    {
        var store = await OpenAsync();

        var job = await store.SubmitAsync(Job() with { PinnedSite = "cn-sh-1" }, T0, None);

        Assert.Equal("cn-sh-1", job.PinnedSite);
        Assert.Equal(job, await store.GetJobAsync(job.Id, None));
        Assert.Null((await store.SubmitAsync(Job(), T0, None)).PinnedSite);
    }

    [Fact]
    public async Task SaveQuote_ThenGet_ReturnsIt()
    {
        var store = await OpenAsync();
        var quote = new QuoteRecord(MarketIds.Quote(), "acme", "name: train\n", """[{"site":"cn-sh-1","cost":"12.00"}]""", T0, T0.AddMinutes(15));

        await store.SaveQuoteAsync(quote, None);

        Assert.Equal(quote, await store.GetQuoteAsync(quote.Id, None));
        Assert.Null(await store.GetQuoteAsync("quo_none", None));
    }

    [Fact]
    public async Task DeleteExpiredQuotes_DeletesOnlyThoseExpiredBefore()
    {
        var store = await OpenAsync();
        var old = new QuoteRecord(MarketIds.Quote(), "acme", "a", "[]", T0, T0.AddMinutes(15));
        var fresh = new QuoteRecord(MarketIds.Quote(), "acme", "b", "[]", T0, T0.AddHours(2));
        await store.SaveQuoteAsync(old, None);
        await store.SaveQuoteAsync(fresh, None);

        Assert.Equal(1, await store.DeleteExpiredQuotesAsync(T0.AddHours(1), None));

        Assert.Null(await store.GetQuoteAsync(old.Id, None));
        Assert.Equal(fresh, await store.GetQuoteAsync(fresh.Id, None));
    }

    [Fact]
    public void MarketIds_AreThePrefixAnd26Base32Characters()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => MarketIds.Order()).ToList();

        Assert.All(ids, id => Assert.Matches("^ord_[a-z2-7]{26}$", id));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Matches("^quo_[a-z2-7]{26}$", MarketIds.Quote());
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
