using Suanwang.Core.Sites;

namespace Suanwang.Core.Tests.Sites;

public sealed class CarbonProfileTests
{
    private const double Hour = 3600;

    // A daily curve: coal overnight, solar at midday, gas in the evening.
    private static CarbonProfile Daily() => new(
        [new CarbonPoint(0, 500), new CarbonPoint(8 * Hour, 200), new CarbonPoint(18 * Hour, 600)],
        24 * Hour);

    [Theory]
    [InlineData(0, 500)]
    [InlineData(7.99, 500)]
    [InlineData(8, 200)]
    [InlineData(17.5, 200)]
    [InlineData(18, 600)]
    [InlineData(23.99, 600)]
    public void At_WithinThePeriod_IsTheStepValue(double hour, double intensity)
    {
        Assert.Equal(intensity, Daily().At(hour * Hour));
    }

    [Theory]
    [InlineData(24, 500)]
    [InlineData(33, 200)]
    [InlineData(24 * 7 + 20, 600)]
    [InlineData(-1, 600)]
    [InlineData(-14, 200)]
    public void At_OutsideThePeriod_WrapsAround(double hour, double intensity)
    {
        Assert.Equal(intensity, Daily().At(hour * Hour));
    }

    [Fact]
    public void At_WithoutPeriod_HoldsTheLastValue()
    {
        var profile = new CarbonProfile([new CarbonPoint(0, 300), new CarbonPoint(10 * Hour, 100)], 0);

        Assert.Equal(300, profile.At(9 * Hour));
        Assert.Equal(100, profile.At(10 * Hour));
        Assert.Equal(100, profile.At(1000 * Hour));
    }

    [Fact]
    public void Mean_OverAPeriod_IsWeightedByDuration()
    {
        // (500 x 8 h + 200 x 10 h + 600 x 6 h) / 24 h
        Assert.Equal(400, Daily().Mean(), 9);
    }

    [Fact]
    public void Constant_IsTheSameEverywhereAndItsOwnMean()
    {
        var profile = CarbonProfile.Constant(420);

        Assert.Equal(420, profile.At(0));
        Assert.Equal(420, profile.At(1e9));
        Assert.Equal(420, profile.Mean());
        Assert.Equal(0, profile.PeriodSeconds);
    }

    [Fact]
    public void Constructor_FirstPointNotAtZero_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CarbonProfile([new CarbonPoint(60, 300)], 0));
    }

    [Fact]
    public void Constructor_NoPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CarbonProfile([], 0));
    }

    [Fact]
    public void Constructor_PointsOutOfOrder_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CarbonProfile(
            [new CarbonPoint(0, 300), new CarbonPoint(2 * Hour, 200), new CarbonPoint(2 * Hour, 100)], 0));
    }
}
