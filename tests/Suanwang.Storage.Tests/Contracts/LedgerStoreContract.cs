using System.Data.Common;
using Suanwang.Core.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Market.ILedgerStore"/> must do: balanced, idempotent postings that never overdraw a floor-zero account.</summary>
public abstract class LedgerStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    [Fact]
    public async Task Post_TopUp_CreditsTheWalletFromFunding()
    {
        var store = await OpenAsync();

        var result = await TopUpAsync(store, "acme", 10_000);

        Assert.True(result.PostingId > 0);
        Assert.False(result.Replayed);
        Assert.False(result.Insufficient);
        Assert.Equal(new AccountBalance(Accounts.Wallet("acme"), Cny, 10_000, true), await store.GetBalanceAsync(Accounts.Wallet("acme"), Cny, None));
        Assert.Equal(new AccountBalance(Accounts.Funding, Cny, -10_000, false), await store.GetBalanceAsync(Accounts.Funding, Cny, None));
    }

    [Fact]
    public async Task Post_TopUpInAnotherCurrency_GoesThroughExchange()
    {
        var store = await OpenAsync();

        await store.PostAsync(Postings.TopUp("acme", 1_000, "USD", Cny, 7.1234m, "wire"), null, T0, None);

        Assert.Equal(7_123, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(-1_000, await BalanceAsync(store, Accounts.Funding, "USD"));
        Assert.Equal(1_000, await BalanceAsync(store, Accounts.Exchange, "USD"));
        Assert.Equal(-7_123, await BalanceAsync(store, Accounts.Exchange));
        Assert.True((await store.VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task Post_SameKeyTwice_ReplaysTheFirstAndWritesNothing()
    {
        var store = await OpenAsync();
        var first = await TopUpAsync(store, "acme", 500, key: "pay-1");

        var again = await TopUpAsync(store, "acme", 900, key: "pay-1");

        Assert.Equal(new PostResult(first.PostingId, Replayed: true, Insufficient: false), again);
        Assert.Equal(500, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(1, (await store.VerifyLedgerAsync(None)).Postings);
    }

    [Fact]
    public async Task GetPostingLines_GivesEveryLineOfThatPostingOnly()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "other", 200);
        var posted = await store.PostAsync(Postings.TopUp("acme", 1_000, "USD", Cny, 7.1234m, "wire"), null, T0, None);

        var lines = await store.GetPostingLinesAsync(posted.PostingId, None);

        Assert.Equal(
            [(Accounts.Exchange, Cny, -7_123L), (Accounts.Exchange, "USD", 1_000L), (Accounts.Funding, "USD", -1_000L), (Accounts.Wallet("acme"), Cny, 7_123L)],
            lines.Select(l => (l.Account, l.Currency, l.Amount)).OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Currency, StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(("wire", PostingKinds.TopUp, posted.PostingId), (l.Memo, l.Kind, l.PostingId)));
        Assert.Empty(await store.GetPostingLinesAsync(posted.PostingId + 100, None));
    }

    [Fact]
    public async Task Post_SameKeyConcurrently_WritesOnePosting()
    {
        var store = await OpenAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => TopUpAsync(store, "acme", 100, key: "pay-1"))));

        var written = Assert.Single(results, r => !r.Replayed);
        Assert.All(results, r => Assert.Equal(written.PostingId, r.PostingId));
        Assert.Equal(100, await BalanceAsync(store, Accounts.Wallet("acme")));
    }

    [Fact]
    public async Task Post_SameKeyOfAnotherTenant_IsANewPosting()
    {
        var store = await OpenAsync();
        var acme = await TopUpAsync(store, "acme", 500, key: "pay-1");

        var other = await TopUpAsync(store, "other", 700, key: "pay-1");

        Assert.False(other.Replayed);
        Assert.NotEqual(acme.PostingId, other.PostingId);
        Assert.Equal(700, await BalanceAsync(store, Accounts.Wallet("other")));
    }

    [Fact]
    public async Task Post_KeyOfAPostingWithoutTenant_IsReplayedToo()
    {
        var store = await OpenAsync();
        var payout = Postings.Payout("gpu-co", 300, Cny, "march");

        var first = await store.PostAsync(payout, "payout-march", T0, None);
        var again = await store.PostAsync(payout, "payout-march", T0, None);

        Assert.True(again.Replayed);
        Assert.Equal(first.PostingId, again.PostingId);
        Assert.Equal(-300, await BalanceAsync(store, Accounts.Payable("gpu-co")));
    }

    [Fact]
    public async Task Post_DebitBeyondTheWallet_IsInsufficientAndWritesNothing()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100);

        var result = await store.PostAsync(Postings.Reserve("acme", "ord_x", 101, Cny), "reserve-1", T0, None);

        Assert.Equal(new PostResult(0, Replayed: false, Insufficient: true), result);
        Assert.Equal(100, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(0, await BalanceAsync(store, Accounts.Hold("acme")));
        Assert.Equal(1, (await store.VerifyLedgerAsync(None)).Postings);
        // The refused key was not used up: the same request succeeds once the money is there.
        await TopUpAsync(store, "acme", 1);
        Assert.False((await store.PostAsync(Postings.Reserve("acme", "ord_x", 101, Cny), "reserve-1", T0, None)).Insufficient);
    }

    [Fact]
    public async Task Post_DebitOfAnEmptyWallet_IsInsufficient()
    {
        var store = await OpenAsync();

        var result = await store.PostAsync(Postings.Reserve("acme", "ord_x", 1, Cny), null, T0, None);

        Assert.True(result.Insufficient);
        Assert.Empty(await store.ListBalancesAsync("", None));
    }

    [Fact]
    public async Task Post_DebitToExactlyZero_Succeeds()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100);

        var result = await store.PostAsync(Postings.Reserve("acme", "ord_x", 100, Cny), null, T0, None);

        Assert.False(result.Insufficient);
        Assert.Equal(0, await BalanceAsync(store, Accounts.Wallet("acme")));
        Assert.Equal(100, await BalanceAsync(store, Accounts.Hold("acme")));
    }

    [Fact]
    public async Task Post_ProviderPayableMayGoNegative()
    {
        var store = await OpenAsync();

        Assert.False((await store.PostAsync(Postings.Payout("gpu-co", 300, Cny, "advance"), null, T0, None)).Insufficient);
    }

    [Fact]
    public async Task Post_UnbalancedOrMalformed_ThrowsAndWritesNothing()
    {
        var store = await OpenAsync();
        var unbalanced = new Posting(PostingKinds.TopUp, "acme", null, "free money", [
            new PostingLine(Accounts.Funding, Cny, -100),
            new PostingLine(Accounts.Wallet("acme"), Cny, 101),
        ]);
        var oneLine = new Posting(PostingKinds.TopUp, "acme", null, "one line", [new PostingLine(Accounts.Wallet("acme"), Cny, 0)]);
        var badCurrency = new Posting(PostingKinds.TopUp, "acme", null, "bad", [
            new PostingLine(Accounts.Funding, "yuan", -100),
            new PostingLine(Accounts.Wallet("acme"), "yuan", 100),
        ]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PostAsync(unbalanced, null, T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PostAsync(oneLine, null, T0, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PostAsync(badCurrency, null, T0, None));

        Assert.Equal(0, (await store.VerifyLedgerAsync(None)).Postings);
    }

    [Fact]
    public async Task Post_1000ConcurrentDebitsOfOneWallet_NeverOverdraw()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(() => store.PostAsync(Postings.Reserve("acme", $"ord_{i}", 37, Cny), null, T0, None))));

        var succeeded = results.Count(r => !r.Insufficient);
        var wallet = await BalanceAsync(store, Accounts.Wallet("acme"));
        Assert.Equal(10_000 / 37, succeeded);
        Assert.Equal(10_000, (succeeded * 37) + wallet);
        Assert.Equal(succeeded * 37, await BalanceAsync(store, Accounts.Hold("acme")));
        Assert.True((await store.VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task Post_ConcurrentlyFromTwoStoresAcrossWallets_AllGoThrough()
    {
        // Batches of the two stores lock the same wallets in different orders: PostgreSQL breaks
        // the deadlocks this makes by rolling one back, and the store runs it again.
        var stores = new[] { await OpenAsync(), await OpenAsync() };
        for (var t = 0; t < 8; t++)
        {
            await TopUpAsync(stores[0], $"t{t}", 1_000);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
        {
            var tenant = $"t{(i % 2 == 0 ? (i / 2) % 8 : 7 - ((i / 2) % 8))}";
            return stores[i % 2].PostAsync(Postings.Reserve(tenant, $"ord_{i}", 10, Cny), null, T0, None);
        })));

        Assert.All(results, r => Assert.False(r.Insufficient));
        for (var t = 0; t < 8; t++)
        {
            Assert.Equal(500, await BalanceAsync(stores[1], Accounts.Hold($"t{t}")));
        }

        Assert.True((await stores[1].VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task Database_RefusesANegativeWalletWrittenBehindTheStoresBack()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100);

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteSqlAsync("UPDATE accounts SET balance = -1 WHERE id = 'tenant:acme:wallet'"));

        Assert.Equal(100, await BalanceAsync(store, Accounts.Wallet("acme")));
    }

    [Fact]
    public async Task GetBalance_OfAnAccountNeverPosted_IsZero()
    {
        var store = await OpenAsync();

        Assert.Equal(new AccountBalance(Accounts.Hold("acme"), Cny, 0, true), await store.GetBalanceAsync(Accounts.Hold("acme"), Cny, None));
        Assert.Equal(new AccountBalance(Accounts.Revenue, "USD", 0, false), await store.GetBalanceAsync(Accounts.Revenue, "USD", None));
    }

    [Fact]
    public async Task ListBalances_ReturnsTheAccountsUnderThePrefixOnly()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100);
        await TopUpAsync(store, "acme2", 200);
        await store.PostAsync(Postings.Reserve("acme", "ord_x", 40, Cny), null, T0, None);
        await store.PostAsync(Postings.TopUp("acme", 10, "USD", "USD", 1m, "usd"), null, T0, None);

        var balances = await store.ListBalancesAsync("tenant:acme:", None);

        Assert.Equal(
            [
                new AccountBalance(Accounts.Hold("acme"), Cny, 40, true),
                new AccountBalance(Accounts.Wallet("acme"), Cny, 60, true),
                new AccountBalance(Accounts.Wallet("acme"), "USD", 10, true),
            ],
            balances);
        Assert.Equal(6, (await store.ListBalancesAsync("", None)).Count);
    }

    [Fact]
    public async Task ListLines_ReturnsTheLinesOfThePrefixInThePeriodInPostingOrder()
    {
        var store = await OpenAsync();
        var before = await TopUpAsync(store, "acme", 100, at: T0.AddDays(-1));
        var topUp = await TopUpAsync(store, "acme", 500, at: T0);
        var reserve = await store.PostAsync(Postings.Reserve("acme", "ord_x", 40, Cny), null, T0.AddHours(1), None);
        await TopUpAsync(store, "other", 900, at: T0.AddHours(2));
        await TopUpAsync(store, "acme", 700, at: T0.AddDays(1));

        var lines = await store.ListLinesAsync("tenant:acme:", T0, T0.AddDays(1), None);

        Assert.Equal(
            [
                new LedgerLine(topUp.PostingId, T0, PostingKinds.TopUp, "acme", null, "top-up", Accounts.Wallet("acme"), Cny, 500),
                new LedgerLine(reserve.PostingId, T0.AddHours(1), PostingKinds.Reserve, "acme", "ord_x", "reserved for order ord_x", Accounts.Hold("acme"), Cny, 40),
                new LedgerLine(reserve.PostingId, T0.AddHours(1), PostingKinds.Reserve, "acme", "ord_x", "reserved for order ord_x", Accounts.Wallet("acme"), Cny, -40),
            ],
            lines);
        Assert.True(before.PostingId < topUp.PostingId);
    }

    [Fact]
    public async Task VerifyLedger_OfACleanLedger_IsBalanced()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100);
        await store.PostAsync(Postings.Reserve("acme", "ord_x", 40, Cny), null, T0, None);

        var check = await store.VerifyLedgerAsync(None);

        Assert.Equal(new LedgerCheck(true, 2, 4, []), check with { Problems = [] });
        Assert.Empty(check.Problems);
    }

    [Fact]
    public async Task VerifyLedger_TamperedLine_ReportsTheUnbalancedPostingAndTheAccount()
    {
        var store = await OpenAsync();
        var topUp = await TopUpAsync(store, "acme", 10_000);

        await ExecuteSqlAsync("UPDATE posting_lines SET amount = amount + 1 WHERE account = 'tenant:acme:wallet'");
        var check = await store.VerifyLedgerAsync(None);

        Assert.False(check.Balanced);
        Assert.Equal(
            [
                $"posting {topUp.PostingId} does not balance in CNY: its lines sum to 0.01 CNY",
                "account tenant:acme:wallet has balance 100.00 CNY but its lines sum to 100.01 CNY",
            ],
            check.Problems);
    }

    [Fact]
    public async Task VerifyLedger_TamperedBalanceOrMissingLines_AreReported()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 10_000);
        var second = await TopUpAsync(store, "other", 500);

        await ExecuteSqlAsync("UPDATE accounts SET balance = balance + 5 WHERE id = 'platform:funding'");
        await ExecuteSqlAsync($"DELETE FROM posting_lines WHERE posting_id = {second.PostingId} AND account = 'tenant:other:wallet'");
        var check = await store.VerifyLedgerAsync(None);

        Assert.False(check.Balanced);
        Assert.Equal(
            [
                $"posting {second.PostingId} does not balance in CNY: its lines sum to -5.00 CNY",
                $"posting {second.PostingId} has 1 line(s); a posting needs at least two",
                "account platform:funding has balance -104.95 CNY but its lines sum to -105.00 CNY",
                "account tenant:other:wallet has balance 5.00 CNY but its lines sum to 0.00 CNY",
            ],
            check.Problems);
    }

    [Fact]
    public async Task SumsFirstAndLatestLines_AgreeWithTheLinesThemselves()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await TopUpAsync(store, "acme", 100 + i, at: T0.AddDays(i));
        }

        await store.PostAsync(Postings.Reserve("acme", "ord_s", 50, Cny), null, T0.AddDays(2).AddHours(1), None);
        await TopUpAsync(store, "other", 7, at: T0.AddDays(1));
        var (from, to) = (T0.AddDays(1), T0.AddDays(4));

        var lines = await store.ListLinesAsync("tenant:acme:", from, to, None);

        Assert.Equal(5, lines.Count);
        Assert.Equal(lines.Take(2).ToList(), await store.ListFirstLinesAsync("tenant:acme:", from, to, 2, None));
        var sums = lines
            .GroupBy(l => (l.Account, l.Kind, l.Currency))
            .OrderBy(g => g.Key.Account, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => new LineSum(g.Key.Account, g.Key.Kind, g.Key.Currency, g.LongCount(), g.Sum(l => l.Amount)))
            .ToList();
        Assert.Equal(sums, await store.SumLinesAsync("tenant:acme:", from, to, None));
        Assert.Empty(await store.SumLinesAsync("tenant:acme:", T0.AddDays(10), DateTimeOffset.MaxValue, None));
        var all = await store.ListLinesAsync("tenant:acme:", T0, DateTimeOffset.MaxValue, None);
        Assert.Equal(
            all.OrderByDescending(l => l.PostingId).ThenBy(l => l.Account, StringComparer.Ordinal).Take(3).ToList(),
            await store.ListLatestLinesAsync("tenant:acme:", Cny, T0, 3, None));
        Assert.Single(await store.ListLatestLinesAsync("tenant:acme:", Cny, T0.AddDays(4), 10, None));
    }

    [Fact]
    public async Task LinesAfter_PageThroughThePeriodInOrder_EvenInsideAPosting()
    {
        var store = await OpenAsync();
        await TopUpAsync(store, "acme", 100, at: T0);
        await store.PostAsync(Postings.Reserve("acme", "ord_p1", 30, Cny), null, T0.AddHours(1), None);
        await store.PostAsync(Postings.Reserve("acme", "ord_p2", 20, Cny), null, T0.AddHours(2), None);
        var all = await store.ListLinesAsync("tenant:acme:", T0, T0.AddDays(1), None);

        var paged = new List<LedgerLine>();
        LedgerLine? after = null;
        while (true)
        {
            var page = await store.ListLinesAfterAsync("tenant:acme:", T0, T0.AddDays(1), after, 2, None);
            paged.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1];
        }

        Assert.Equal(5, all.Count);
        Assert.Equal(all, paged);
    }
}
