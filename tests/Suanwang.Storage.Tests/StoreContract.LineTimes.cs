using Suanwang.Core.Market;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

public abstract partial class StoreContract
{
    [Fact]
    public async Task Migrate_FromVersionTwelve_GivesEveryLineItsPostingsTimeAndKind_SoTheSumsStillCountIt()
    {
        var store = Track(await CreateStoreAsync());
        await BuildSchemaAsync(store.Dialect, 12);
        await ExecuteSqlAsync(
            "INSERT INTO accounts (id, currency, balance, floor_zero) VALUES " +
            (store.Dialect == "sqlite"
                ? "('tenant:acme:wallet', 'CNY', 700, 1), ('tenant:acme:hold', 'CNY', 300, 1), ('platform:topups', 'CNY', -1000, 0)"
                : "('tenant:acme:wallet', 'CNY', 700, true), ('tenant:acme:hold', 'CNY', 300, true), ('platform:topups', 'CNY', -1000, false)"));
        await ExecuteSqlAsync(
            "INSERT INTO postings (at, kind, tenant, order_id, memo) VALUES " +
            "('2026-05-01T08:00:00.000000Z', 'topup', 'acme', NULL, 'top-up'), " +
            "('2026-05-03T08:00:00.000000Z', 'reserve', 'acme', 'ord_1', 'hold')");
        await ExecuteSqlAsync(
            "INSERT INTO posting_lines (posting_id, account, currency, amount) VALUES " +
            "(1, 'tenant:acme:wallet', 'CNY', 1000), (1, 'platform:topups', 'CNY', -1000), " +
            "(2, 'tenant:acme:wallet', 'CNY', -300), (2, 'tenant:acme:hold', 'CNY', 300)");

        await store.MigrateAsync(None);

        Assert.Equal(
            [
                new LineSum("tenant:acme:hold", PostingKinds.Reserve, "CNY", 1, 300),
                new LineSum("tenant:acme:wallet", PostingKinds.Reserve, "CNY", 1, -300),
                new LineSum("tenant:acme:wallet", PostingKinds.TopUp, "CNY", 1, 1000),
            ],
            await store.SumLinesAsync("tenant:acme:", T0, T0.AddDays(7), None));
        Assert.Equal([new LineSum("tenant:acme:wallet", PostingKinds.TopUp, "CNY", 1, 1000)], await store.SumLinesAsync("tenant:acme:", T0, T0.AddDays(1), None));

        // A posting made after the migration is summed with them.
        await store.PostAsync(Posting.Create(PostingKinds.TopUp, "acme", null, "more", [new("tenant:acme:wallet", "CNY", 50), new("platform:topups", "CNY", -50)]), null, T0.AddDays(5), None);
        Assert.Equal(1050, (await store.SumLinesAsync("tenant:acme:wallet", T0, T0.AddDays(7), None)).Where(s => s.Kind == PostingKinds.TopUp).Sum(s => s.Amount));
        Assert.True((await store.VerifyLedgerAsync(None)).Balanced);
    }

    [Fact]
    public async Task APostingOfAnUnknownKind_IsRefused_AndWritesNothing()
    {
        var store = await OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PostAsync(
            Posting.Create("bonus", "acme", null, "m", [new("tenant:acme:wallet", "CNY", 5), new("platform:topups", "CNY", -5)]), null, T0, None));

        Assert.Empty(await store.ListBalancesAsync("tenant:acme:", None));
        Assert.Equal(0, (await store.VerifyLedgerAsync(None)).Postings);
    }
}
