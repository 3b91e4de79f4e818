using Suanwang.Scheduling.Tokens;

namespace Suanwang.Scheduling.Tests.Tokens;

public class PrefixAffinityMapTests
{
    [Fact]
    public void Record_ThenOwnerOf_ReturnsTheLastEndpoint()
    {
        var map = new PrefixAffinityMap(4);
        map.Record(7, 1);
        map.Record(7, 2);
        Assert.Equal(2, map.OwnerOf(7));
        Assert.Equal(-1, map.OwnerOf(8));
    }

    [Fact]
    public void Full_ForgetsTheLeastRecentlyServed()
    {
        var map = new PrefixAffinityMap(3);
        map.Record(1, 0);
        map.Record(2, 0);
        map.Record(3, 0);
        map.Record(1, 1);
        map.Record(4, 0);
        Assert.Equal(3, map.Count);
        Assert.Equal(-1, map.OwnerOf(2));
        Assert.Equal(1, map.OwnerOf(1));
        Assert.Equal(0, map.OwnerOf(3));
        Assert.Equal(0, map.OwnerOf(4));
    }

    [Fact]
    public void ManyHashes_NeverHoldMoreThanCapacity()
    {
        var map = new PrefixAffinityMap(100);
        for (ulong h = 0; h < 10_000; h++)
        {
            map.Record(h, (int)(h % 5));
        }

        Assert.Equal(100, map.Count);
        Assert.Equal((int)(9_999 % 5), map.OwnerOf(9_999));
        Assert.Equal(-1, map.OwnerOf(9_899));
        Assert.Equal((int)(9_900 % 5), map.OwnerOf(9_900));
    }

    [Fact]
    public void CopyFrom_RenumbersOwnersDropsTheGoneAndKeepsTheOrderOfUse()
    {
        var older = new PrefixAffinityMap(8);
        older.Record(1, 0);
        older.Record(2, 1);
        older.Record(3, 2);
        older.Record(1, 0);

        // Endpoint 1 is gone; 0 and 2 trade places. The copy holds two: the two most recent of the rest.
        var copy = new PrefixAffinityMap(2);
        copy.CopyFrom(older, i => i switch { 0 => 2, 2 => 0, _ => -1 });

        Assert.Equal((2, -1, 0, 2), (copy.Count, copy.OwnerOf(2), copy.OwnerOf(3), copy.OwnerOf(1)));
        copy.Record(4, 5);
        Assert.Equal((-1, 2), (copy.OwnerOf(3), copy.OwnerOf(1)));
    }
}
