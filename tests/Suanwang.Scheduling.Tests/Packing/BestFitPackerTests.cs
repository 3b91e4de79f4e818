using Suanwang.Scheduling.Packing;

namespace Suanwang.Scheduling.Tests.Packing;

public sealed class BestFitPackerTests
{
    private readonly BestFitPacker _packer = new();

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 2)]
    [InlineData(6, 0)]
    [InlineData(8, 0)]
    public void Choose_OneNode_PicksTheTightestNodeThatFits(int cards, int node)
    {
        int[] free = [8, 3, 5, 2];
        var chosen = new int[1];

        Assert.True(_packer.Choose(free, 8, cards, 1, chosen));
        Assert.Equal(node, chosen[0]);
    }

    [Fact]
    public void Choose_EqualNodes_PicksTheFirst()
    {
        var chosen = new int[1];

        Assert.True(_packer.Choose([4, 6, 6, 4], 8, 5, 1, chosen));
        Assert.Equal(1, chosen[0]);
    }

    [Fact]
    public void Choose_Gang_TakesTheTightestDistinctNodes()
    {
        var chosen = new int[3];

        Assert.True(_packer.Choose([8, 4, 8, 6, 3], 8, 4, 3, chosen));
        Assert.Equal([1, 3, 0], chosen);
    }

    [Fact]
    public void Choose_NotEnoughRoomyNodes_ReturnsFalse()
    {
        var chosen = new int[2];

        Assert.False(_packer.Choose([8, 3, 5, 2], 8, 6, 2, chosen));
        Assert.False(_packer.Choose([3, 3, 3], 8, 4, 1, chosen.AsSpan(0, 1)));
    }

    [Fact]
    public void Name_IsBestFit()
    {
        Assert.Equal("best-fit", _packer.Name);
    }
}
