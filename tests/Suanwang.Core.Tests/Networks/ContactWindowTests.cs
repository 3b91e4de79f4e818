using Suanwang.Core.Networks;

namespace Suanwang.Core.Tests.Networks;

public sealed class ContactWindowTests
{
    // A low-orbit pass: every 90 minutes, up for 10 minutes, the first pass 20 minutes in.
    private static readonly ContactWindow s_pass = new(PeriodSeconds: 5400, OpenSeconds: 600, OffsetSeconds: 1200);

    [Theory]
    [InlineData(1200, true)]
    [InlineData(1799, true)]
    [InlineData(1800, false)]
    [InlineData(0, false)]
    [InlineData(1199, false)]
    [InlineData(1200 + 5400, true)]
    [InlineData(1200 + (5400 * 100) + 599, true)]
    [InlineData(1800 + (5400 * 100), false)]
    [InlineData(1200 - 5400, true)]
    [InlineData(-1, false)]
    public void IsOpen_IsTrueOnlyInsideEachPass(double seconds, bool open)
    {
        Assert.Equal(open, s_pass.IsOpen(seconds));
    }

    [Theory]
    [InlineData(0, 1200)]
    [InlineData(1200, 1200)]
    [InlineData(1500, 1500)]
    [InlineData(1800, 6600)]
    [InlineData(6000, 6600)]
    [InlineData(6610, 6610)]
    [InlineData(7300, 12000)]
    [InlineData(-100, 1200)]
    public void NextOpen_IsNowWhenOpenOtherwiseTheNextPassStart(double seconds, double next)
    {
        Assert.Equal(next, s_pass.NextOpen(seconds));
    }

    [Fact]
    public void NextOpen_AlwaysReturnsAnOpenTimeNoEarlierThanAsked()
    {
        for (double t = -20_000; t < 20_000; t += 37)
        {
            var next = s_pass.NextOpen(t);

            Assert.True(next >= t);
            Assert.True(s_pass.IsOpen(next));
            Assert.True(next - t < 5400 - 600 + 1e-9);
        }
    }

    [Theory]
    [InlineData(423.5627, 1200)]
    [InlineData(1800.1, 6600)]
    [InlineData(6599.999999, 6600)]
    [InlineData(12945.678, 17400)]
    [InlineData(-4321.001, -4200)]
    public void NextOpen_FromAnyTimeOutsideAPass_IsExactlyThePassStart(double seconds, double next)
    {
        Assert.Equal(next, s_pass.NextOpen(seconds));
    }

    [Fact]
    public void NextOpen_FromFractionalTimes_LandsOnAWholePassStart()
    {
        for (var i = 1; i < 3000; i++)
        {
            var t = (i * 37.77) + (i * 0.0001);
            var next = s_pass.NextOpen(t);

            Assert.True(next == t || (next - 1200) % 5400 == 0, $"from {t}: {next}");
            Assert.True(next >= t);
            Assert.True(s_pass.IsOpen(next));
        }
    }

    [Fact]
    public void IsOpen_WindowAsLongAsPeriod_IsAlwaysOpen()
    {
        var always = new ContactWindow(600, 600, 0);

        Assert.True(always.IsOpen(0));
        Assert.True(always.IsOpen(599.9));
        Assert.True(always.IsOpen(1e6 + 0.5));
    }
}
