namespace Suanwang.Simulation.Reporting;

/// <summary>Builds the empirical CDF of a set of durations as a short list of points to plot.</summary>
internal static class Cdf
{
    /// <summary>
    /// Points (value, fraction of values at or below it), starting at fraction 0 and ending at exactly 1,
    /// at most <paramref name="maxPoints"/> of them. Non-finite values are ignored; unsorted input is sorted first.
    /// </summary>
    public static SeriesPoint[] Points(IReadOnlyList<double> values, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 8);
        var sorted = SortedFinite(values);
        var n = sorted.Length;
        if (n == 0)
        {
            return [];
        }

        var minPositive = MinPositive(sorted);
        var logLow = Math.Log(minPositive);
        var logHigh = Math.Log(Math.Max(sorted[^1], minPositive));

        // Half the budget for even steps in fraction, half for even steps along the log axis, so both
        // the bulk of the jobs and a long tail keep their shape; the rest for the two ends.
        var half = (maxPoints - 3) / 2;
        var fractionStep = 1.0 / half;
        var logStep = logHigh > logLow ? (logHigh - logLow) / half : double.PositiveInfinity;

        var result = new List<SeriesPoint>(maxPoints) { new(sorted[0], 0) };
        var lastFraction = 0.0;
        var lastLog = Math.Log(Math.Max(sorted[0], minPositive));
        for (var i = 0; i < n; i++)
        {
            // Only the end of a run of equal values is a point of the CDF.
            if (i + 1 < n && sorted[i + 1] == sorted[i])
            {
                continue;
            }

            var fraction = i == n - 1 ? 1.0 : (double)(i + 1) / n;
            var log = Math.Log(Math.Max(sorted[i], minPositive));
            if (i == n - 1 || fraction - lastFraction >= fractionStep || log - lastLog >= logStep)
            {
                result.Add(new SeriesPoint(sorted[i], fraction));
                lastFraction = fraction;
                lastLog = log;
            }
        }

        return [.. result];
    }

    /// <summary>The smallest positive value, or 1 when there is none.</summary>
    public static double MinPositive(ReadOnlySpan<double> sorted)
    {
        foreach (var v in sorted)
        {
            if (v > 0)
            {
                return v;
            }
        }

        return 1;
    }

    private static double[] SortedFinite(IReadOnlyList<double> values)
    {
        var ordered = true;
        var finite = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
            {
                finite++;
            }

            if (i > 0 && !(values[i - 1] <= values[i]))
            {
                ordered = false;
            }
        }

        var result = new double[finite];
        var at = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i]))
            {
                result[at++] = values[i];
            }
        }

        if (!ordered)
        {
            Array.Sort(result);
        }

        return result;
    }
}
