using Suanwang.Simulation.Reporting;

namespace Suanwang.Simulation.Tests.Reporting;

/// <summary>Results with known figures for the report writers' tests.</summary>
internal static class SampleResults
{
    public static SimulationSummary Summary(IReadOnlyList<SiteSummary>? sites = null) => new()
    {
        Network = "east-data-west-compute",
        Trace = "traces/philly-2017.csv",
        Policy = "fifo",
        Objective = "jct",
        Packer = "best-fit",
        Seed = 42,
        Jobs = new JobCounts(Submitted: 1000, Completed: 990, Rejected: 7, Preemptions: 12, Requeued: 3),
        Jct = new Distribution(MeanS: 3723.456, MedianS: 1800.04, P95S: 36000.06, P99S: 72000.14),
        Wait = new Distribution(MeanS: 120.04, MedianS: 30.01, P95S: 600.02, P99S: 1200.03),
        MakespanS = 864_000.04,
        Utilization = 0.712345678,
        Cost = 123_456.789012345678m,
        Currency = "CNY",
        EnergyKwh = 12_345.67891,
        Co2Kg = 6789.01234,
        JainFairness = 0.876543,
        LowerBound = new LowerBound(JctMeanS: 1234.56, MakespanS: 800_000.0),
        Sites = sites ??
        [
            new SiteSummary("cn-guiyang-1", 512, 0.8123456, 600, 1, 3600.04),
            new SiteSummary("cn-ningxia-2", 256, 0.5, 400, 0, 0),
        ],
        Events = 123_456_789,
        WallSeconds = 12.3456,
    };

    /// <summary>A run with <paramref name="jobs"/> log-normal-ish JCTs and two series of <paramref name="samples"/> points a minute apart.</summary>
    public static SimulationResult Result(int jobs = 1000, int samples = 1440, SimulationSummary? summary = null)
    {
        var random = new Random(7);
        var jct = new double[jobs];
        for (var i = 0; i < jobs; i++)
        {
            // exp of a sum of uniforms: a long right tail from seconds to days.
            jct[i] = Math.Exp(3 + (random.NextDouble() * 4) + (random.NextDouble() * 4));
        }

        Array.Sort(jct);
        var utilization = new SeriesPoint[samples];
        var queue = new SeriesPoint[samples];
        for (var i = 0; i < samples; i++)
        {
            var t = i * 60.0;
            var u = 0.6 + (0.3 * Math.Sin(i / 200.0)) + ((random.NextDouble() - 0.5) * 0.1);
            utilization[i] = new SeriesPoint(t, Math.Clamp(u, 0, 1));
            queue[i] = new SeriesPoint(t, Math.Round(Math.Max(0, 40 * Math.Sin(i / 150.0)) + random.Next(0, 5)));
        }

        return new SimulationResult(summary ?? Summary(), jct, utilization, queue);
    }
}
