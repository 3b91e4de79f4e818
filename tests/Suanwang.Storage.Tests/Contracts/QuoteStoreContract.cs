using Suanwang.Storage.Jobs;
using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

/// <summary>What every <see cref="Market.IQuoteStore"/> must do.</summary>
public abstract class QuoteStoreContract(IStoreDatabases databases) : StoreContract(databases)
{
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
}
