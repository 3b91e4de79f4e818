using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Reporting;

public sealed class CdfTests
{
    [Fact]
    public void Points_LastPointIsAtOneAndTheLargestValue()
    {
        var values = SampleResults.Result(jobs: 10_000).JctSeconds;

        var points = Cdf.Points(values, 2000);

        Assert.Equal(1.0, points[^1].Value);
        Assert.Equal(values[^1], points[^1].TimeS);
    }

    [Fact]
    public void Points_StartAtZeroAndNeverFall()
    {
        var points = Cdf.Points(SampleResults.Result(jobs: 10_000).JctSeconds, 2000);

        Assert.Equal(0, points[0].Value);
        for (var i = 1; i < points.Length; i++)
        {
            Assert.True(points[i].TimeS >= points[i - 1].TimeS && points[i].Value > points[i - 1].Value, $"point {i} falls");
        }
    }

    [Fact]
    public void Points_MillionValues_StayWithinTheBudget()
    {
        var points = Cdf.Points(SampleResults.Result(jobs: 1_000_000, samples: 2).JctSeconds, 2000);

        Assert.InRange(points.Length, 500, 2000);
    }

    [Fact]
    public void Points_TiedValues_CountAllOfThem()
    {
        var points = Cdf.Points([1, 2, 2, 2, 3], 100);

        Assert.Equal([new(1, 0), new(1, 0.2), new(2, 0.8), new(3, 1)], points);
    }

    [Fact]
    public void Points_UnsortedInputWithNaN_SortsAndSkipsIt()
    {
        var points = Cdf.Points([3, double.NaN, 1, 2, double.PositiveInfinity], 100);

        Assert.Equal([new(1, 0), new(1, 1 / 3.0), new(2, 2 / 3.0), new(3, 1)], points);
    }

    [Fact]
    public void Points_NoValues_NoPoints()
    {
        Assert.Empty(Cdf.Points([], 100));
    }
}
