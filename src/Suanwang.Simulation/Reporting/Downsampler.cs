namespace Suanwang.Simulation.Reporting;

/// <summary>Thins long series for plotting while keeping the peaks and troughs a reader looks for.</summary>
internal static class Downsampler
{
    /// <summary>At most <paramref name="maxPoints"/> points: the first, the last, and the minimum and maximum of each bucket in between, in order.</summary>
    public static SeriesPoint[] MinMax(IReadOnlyList<SeriesPoint> points, int maxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        var count = points.Count;
        if (count <= maxPoints)
        {
            var copy = new SeriesPoint[count];
            for (var i = 0; i < count; i++)
            {
                copy[i] = points[i];
            }

            return copy;
        }

        var buckets = (maxPoints - 2) / 2;
        var interior = count - 2;
        var result = new List<SeriesPoint>(maxPoints) { points[0] };
        for (var b = 0; b < buckets; b++)
        {
            var start = 1 + (int)((long)b * interior / buckets);
            var end = 1 + (int)((long)(b + 1) * interior / buckets);
            var low = -1;
            var high = -1;
            for (var i = start; i < end; i++)
            {
                var v = points[i].Value;
                if (double.IsNaN(v))
                {
                    continue;
                }

                if (low < 0 || v < points[low].Value)
                {
                    low = i;
                }

                if (high < 0 || v > points[high].Value)
                {
                    high = i;
                }
            }

            if (low < 0)
            {
                continue;
            }

            result.Add(points[Math.Min(low, high)]);
            if (low != high)
            {
                result.Add(points[Math.Max(low, high)]);
            }
        }

        result.Add(points[count - 1]);
        return [.. result];
    }
}
