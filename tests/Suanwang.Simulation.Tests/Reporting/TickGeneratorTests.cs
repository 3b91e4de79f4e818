using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Reporting;

public sealed class TickGeneratorTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 0.73)]
    [InlineData(3, 97)]
    [InlineData(0, 123_456)]
    [InlineData(-5.5, 12.3)]
    [InlineData(0.001, 0.0022)]
    [InlineData(0, 100)]
    [InlineData(1e9, 3.3e9)]
    public void Linear_StepIsOneTwoOrFiveTimesAPowerOfTenAndCoversTheRange(double min, double max)
    {
        var ticks = TickGenerator.Linear(min, max, 5);

        var step = ticks[1].Value - ticks[0].Value;
        var exponent = Math.Floor(Math.Log10(step) + 1e-9);
        var mantissa = step / Math.Pow(10, exponent);
        Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
        foreach (var tick in ticks)
        {
            var multiple = tick.Value / step;
            Assert.Equal(Math.Round(multiple), multiple, 6);
        }

        for (var i = 1; i < ticks.Length; i++)
        {
            Assert.Equal(step, ticks[i].Value - ticks[i - 1].Value, step * 1e-9);
        }

        Assert.True(ticks[0].Value <= min, $"first tick {ticks[0].Value} is above {min}");
        Assert.True(ticks[^1].Value >= max, $"last tick {ticks[^1].Value} is below {max}");
        Assert.True(ticks[0].Value > min - step, "the axis starts a whole step early");
        Assert.True(ticks[^1].Value < max + step, "the axis ends a whole step late");
        Assert.InRange(ticks.Length, 3, 12);
    }

    [Fact]
    public void Linear_DecimalSteps_LandOnExactDecimals()
    {
        var ticks = TickGenerator.Linear(0, 0.7, 7);

        Assert.Equal([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], ticks.Select(t => t.Value));
        Assert.Equal(["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Linear_SingleValue_SpansAnIntervalFromIt()
    {
        var ticks = TickGenerator.Linear(17, 17);

        Assert.Equal(17, ticks[0].Value);
        Assert.True(ticks.Length >= 2 && ticks[^1].Value > 17);
    }

    [Fact]
    public void Linear_MinStepOfOne_KeepsCountsWhole()
    {
        var ticks = TickGenerator.Linear(0, 1, 5, minStep: 1);

        Assert.Equal(["0", "1"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void Linear_Thousands_UseCompactLabels()
    {
        var ticks = TickGenerator.Linear(0, 50_000, 5);

        Assert.Equal(["0", "10k", "20k", "30k", "40k", "50k"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void LogDuration_WideRange_CoversItWithReadableLandmarks()
    {
        var ticks = TickGenerator.LogDuration(3.2, 250_000);

        Assert.True(ticks[0].Value <= 3.2);
        Assert.True(ticks[^1].Value >= 250_000);
        Assert.Equal(["1 s", "10 s", "1 min", "10 min", "1 h", "10 h", "1 d", "10 d"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void LogDuration_NarrowRange_UsesFinerLandmarks()
    {
        var ticks = TickGenerator.LogDuration(12, 50);

        Assert.Equal(["10 s", "20 s", "30 s", "1 min"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void LogDuration_SingleValue_StillSpansAnInterval()
    {
        var ticks = TickGenerator.LogDuration(60, 60);

        Assert.True(ticks.Length >= 2);
        Assert.True(ticks[0].Value <= 60 && ticks[^1].Value > ticks[0].Value);
    }

    [Fact]
    public void LogDuration_BeyondTheLadder_ExtendsByDecadesOfDays()
    {
        var ticks = TickGenerator.LogDuration(86_400, 86_400 * 5000.0);

        Assert.Equal("10000 d", ticks[^1].Label);
        Assert.Equal(86_400 * 10_000.0, ticks[^1].Value);
    }
}
