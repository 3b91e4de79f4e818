using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Reporting;

public sealed class DownsamplerTests
{
    [Fact]
    public void MinMax_LongSeries_KeepsTheMaximumAndTheMinimum()
    {
        var points = Wave(100_000);
        points[54_321] = new SeriesPoint(points[54_321].TimeS, 1000);
        points[77_777] = new SeriesPoint(points[77_777].TimeS, -1000);

        var thinned = Downsampler.MinMax(points, 2000);

        Assert.Contains(points[54_321], thinned);
        Assert.Contains(points[77_777], thinned);
    }

    [Fact]
    public void MinMax_LongSeries_StaysWithinTheBudgetInTimeOrder()
    {
        var thinned = Downsampler.MinMax(Wave(100_000), 2000);

        Assert.InRange(thinned.Length, 1000, 2000);
        for (var i = 1; i < thinned.Length; i++)
        {
            Assert.True(thinned[i - 1].TimeS < thinned[i].TimeS, $"point {i} is out of order");
        }
    }

    [Fact]
    public void MinMax_LongSeries_KeepsTheFirstAndLastPoints()
    {
        var points = Wave(10_001);

        var thinned = Downsampler.MinMax(points, 100);

        Assert.Equal(points[0], thinned[0]);
        Assert.Equal(points[^1], thinned[^1]);
    }

    [Fact]
    public void MinMax_EveryBucketKeepsItsOwnExtremes()
    {
        // A sawtooth whose teeth are exactly one bucket wide: each bucket's low and high must both survive.
        var points = new SeriesPoint[2 + (10 * 100)];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new SeriesPoint(i, (i - 1) % 100);
        }

        var thinned = Downsampler.MinMax(points, 22);

        Assert.Equal(10, thinned.Count(p => p.Value == 99));
        Assert.Equal(10 + 1, thinned.Count(p => p.Value == 0)); // ten buckets, then the last point
        Assert.Equal(22, thinned.Length);
    }

    [Fact]
    public void MinMax_ShortSeries_ReturnsEveryPoint()
    {
        var points = Wave(50);

        var thinned = Downsampler.MinMax(points, 2000);

        Assert.Equal(points, thinned);
    }

    private static SeriesPoint[] Wave(int count)
    {
        var points = new SeriesPoint[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = new SeriesPoint(i * 60.0, Math.Sin(i / 500.0));
        }

        return points;
    }
}
