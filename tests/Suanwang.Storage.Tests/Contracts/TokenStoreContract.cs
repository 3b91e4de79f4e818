using Suanwang.Storage.Tokens;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="ITokenStore"/> must do with usage records: an id is inserted once, so a replayed journal never counts twice.</summary>
public abstract class TokenStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
    private static TokenUsageRecord Usage(string? id, long completion = 5) => new(
        T0, "acme", "key-1", "fake", "cn-a", "owner", 10, 0, completion, 12.5, 40, "ok", "CNY", 25_000_000)
    {
        RecordId = id,
    };

    [Fact]
    public async Task RecordTokenUsage_SameRecordIdTwice_StoresItOnce()
    {
        var store = await OpenAsync();
        var id = new string('7', 32);

        var first = await store.RecordTokenUsageAsync(Usage(id), None);
        var replayed = await store.RecordTokenUsageAsync(Usage(id, completion: 9), None);

        Assert.Equal((true, false), (first, replayed));
        var stored = Assert.Single(await store.ListTokenUsageAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None));
        Assert.Equal((5L, id), (stored.CompletionTokens, stored.RecordId));
        Assert.Equal(25_000_000, await store.GetTokenDueAsync("acme", None));
    }

    [Fact]
    public async Task RecordTokenUsage_ManyAtOnceWithRepeats_StoresEachIdOnce()
    {
        var store = await OpenAsync();
        var ids = Enumerable.Range(0, 50).Select(i => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var inserted = await Task.WhenAll(ids.Concat(ids).Select(id => store.RecordTokenUsageAsync(Usage(id), None)));

        Assert.Equal(50, inserted.Count(x => x));
        Assert.Equal(50, (await store.ListTokenUsageAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Count);
    }

    [Fact]
    public async Task RecordTokenUsage_WithoutAnId_StoresEveryRecord()
    {
        var store = await OpenAsync();

        await store.RecordTokenUsageAsync(Usage(null), None);
        await store.RecordTokenUsageAsync(Usage(null), None);

        Assert.Equal(2, (await store.ListTokenUsageAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Count);
    }

    [Fact]
    public async Task RecordTokenUsages_ABatchWithRepeatsAndStoredIds_AddsEachNewIdOnceInOrder()
    {
        var store = await OpenAsync();
        string Id(int i) => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        await store.RecordTokenUsageAsync(Usage(Id(0)), None);
        TokenUsageRecord[] batch = [Usage(Id(0), completion: 9), Usage(Id(1), completion: 1), Usage(Id(2), completion: 2), Usage(Id(1), completion: 7), Usage(null, completion: 3)];

        var added = await store.RecordTokenUsagesAsync(batch, None);

        Assert.Equal(3, added);
        var stored = await store.ListTokenUsageAsync("acme", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        Assert.Equal([5L, 1, 2, 3], stored.Select(u => u.CompletionTokens));
        Assert.Equal(4 * 25_000_000, await store.GetTokenDueAsync("acme", None));
        Assert.Equal(0, await store.RecordTokenUsagesAsync([], None));
    }

    [Fact]
    public async Task BillTokenUsage_AfterManyBilledRecords_BillsOnlyTheNewOnes()
    {
        var store = await OpenAsync();
        await store.RecordTokenUsagesAsync([.. Enumerable.Range(0, 300).Select(i => Usage(null) with { At = T0.AddSeconds(i) })], None);
        var first = await store.BillTokenUsageAsync(0.1m, T0.AddHours(1), None);
        await store.RecordTokenUsagesAsync([Usage(null), Usage(null)], None);

        var second = await store.BillTokenUsageAsync(0.1m, T0.AddHours(2), None);
        var third = await store.BillTokenUsageAsync(0.1m, T0.AddHours(3), None);

        Assert.Equal((300, 2, 0), (first.Records, second.Records, third.Records));
    }
}
