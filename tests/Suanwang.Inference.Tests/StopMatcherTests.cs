using Suanwang.Inference.Generation;

namespace Suanwang.Inference.Tests;

public sealed class StopMatcherTests
{
    [Fact]
    public void Push_StopSplitAcrossPieces_HoldsBackThePrefixAndCutsBeforeTheStop()
    {
        var matcher = new StopMatcher(["END"]);

        Assert.Equal(("abc", false), matcher.Push("abcE"));
        Assert.Equal(("", false), matcher.Push("N"));
        Assert.Equal(("", true), matcher.Push("Dxyz"));
    }

    [Fact]
    public void Push_PrefixThatDoesNotComplete_IsReleased()
    {
        var matcher = new StopMatcher(["END"]);

        Assert.Equal(("a", false), matcher.Push("aEN"));
        Assert.Equal(("ENx", false), matcher.Push("x"));
        Assert.Equal("", matcher.Flush());
    }

    [Fact]
    public void Push_SeveralStops_CutsAtTheEarliest()
    {
        var matcher = new StopMatcher(["zz", "b"]);

        Assert.Equal(("a", true), matcher.Push("abzz"));
    }

    [Fact]
    public void Flush_AtTheEnd_ReturnsWhatWasHeld()
    {
        var matcher = new StopMatcher(["STOP"]);

        Assert.Equal(("x", false), matcher.Push("xST"));
        Assert.Equal("ST", matcher.Flush());
    }

    [Fact]
    public void Push_NoStops_PassesEverything()
    {
        Assert.Equal(("abc", false), new StopMatcher([]).Push("abc"));
    }
}
