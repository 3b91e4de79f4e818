namespace Suanwang.Simulation.Reporting;

/// <summary>Summary statistics of a set of durations, in seconds.</summary>
public sealed record Distribution(double MeanS, double MedianS, double P95S, double P99S)
{
    /// <summary>An empty distribution (all zero).</summary>
    public static Distribution Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Statistics of <paramref name="sorted"/>, which must be in ascending order; nearest-rank percentiles.</summary>
    public static Distribution Of(ReadOnlySpan<double> sorted)
    {
        if (sorted.Length == 0)
        {
            return Empty;
        }

        double sum = 0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        return new Distribution(sum / sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), Percentile(sorted, 0.99));
    }

    /// <summary>Nearest-rank percentile of ascending <paramref name="sorted"/>.</summary>
    public static double Percentile(ReadOnlySpan<double> sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
