using Suanwang.Scheduling.Packing;

namespace Suanwang.Scheduling.Tests.Packing;

public sealed class FragmentationAwarePackerTests
{
    [Fact]
    public void Choose_AfterManyEightCardJobs_AvoidsLeavingASevenCardHole()
    {
        // 16-card nodes, one with 9 free: best fit would put a 2-card job there and leave 7 free,
        // a hole no 8-card job can use; the whole node still has room for one after the 2 cards.
        var packer = new FragmentationAwarePacker();
        for (var i = 0; i < 50; i++)
        {
            packer.Observe(8);
        }

        var chosen = new int[1];
        var bestFit = new int[1];

        Assert.True(packer.Choose([9, 16], 16, 2, 1, chosen));
        Assert.True(new BestFitPacker().Choose([9, 16], 16, 2, 1, bestFit));

        Assert.Equal(1, chosen[0]);
        Assert.Equal(0, bestFit[0]);
    }

    [Fact]
    public void Choose_AfterManyEightCardJobs_FillsAHoleTheyCannotUseAnyway()
    {
        var packer = new FragmentationAwarePacker();
        for (var i = 0; i < 50; i++)
        {
            packer.Observe(8);
        }

        var chosen = new int[1];

        Assert.True(packer.Choose([8, 3], 8, 1, 1, chosen));
        Assert.Equal(1, chosen[0]);
    }

    [Fact]
    public void Choose_NothingObserved_BehavesLikeBestFit()
    {
        var random = new Random(11);
        var fragmentation = new FragmentationAwarePacker();
        var bestFit = new BestFitPacker();
        for (var round = 0; round < 500; round++)
        {
            var free = new int[random.Next(1, 12)];
            for (var n = 0; n < free.Length; n++)
            {
                free[n] = random.Next(0, 9);
            }

            var cards = random.Next(1, 9);
            var nodes = random.Next(1, 4);
            var a = new int[nodes];
            var b = new int[nodes];

            var foundA = fragmentation.Choose(free, 8, cards, nodes, a);
            var foundB = bestFit.Choose(free, 8, cards, nodes, b);

            Assert.Equal(foundB, foundA);
            if (foundA)
            {
                Assert.Equal(b, a);
            }
        }
    }

    [Fact]
    public void Fragmentation_CountsFreeCardsTooFewForTheObservedSizes()
    {
        var packer = new FragmentationAwarePacker();
        packer.Observe(8);
        packer.Observe(8);
        packer.Observe(2);
        packer.Observe(1);

        // Half the jobs need 8: 7 free cards are unusable to them, 8 are not; 1 free card fails the 2s too.
        Assert.Equal(7 * 0.5, packer.Fragmentation(7), 12);
        Assert.Equal(0, packer.Fragmentation(8), 12);
        Assert.Equal(1 * 0.75, packer.Fragmentation(1), 12);
        Assert.Equal(0, packer.Fragmentation(0), 12);
    }

    [Fact]
    public void Fragmentation_NothingObserved_IsZero()
    {
        Assert.Equal(0, new FragmentationAwarePacker().Fragmentation(5));
    }

    [Fact]
    public void Choose_NoNodeWithRoom_ReturnsFalse()
    {
        var packer = new FragmentationAwarePacker();
        packer.Observe(4);

        Assert.False(packer.Choose([3, 2, 3], 8, 4, 1, new int[1]));
        Assert.False(packer.Choose([8, 2, 3], 8, 4, 2, new int[2]));
    }

    [Fact]
    public void Name_IsFragmentationAware()
    {
        Assert.Equal("fragmentation-aware", new FragmentationAwarePacker().Name);
    }
}
