using Suanwang.Storage.Market;

namespace Suanwang.Storage.Tests;

public sealed class MarketIdsTests
{
    [Fact]
    public void MarketIds_AreThePrefixAnd26Base32Characters()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => MarketIds.Order()).ToList();

        Assert.All(ids, id => Assert.Matches("^ord_[a-z2-7]{26}$", id));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Matches("^quo_[a-z2-7]{26}$", MarketIds.Quote());
    }
}
