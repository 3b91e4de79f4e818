namespace Suanwang.Gateway.Bench;

/// <summary>
/// Latencies in nanoseconds counted in fixed log-linear buckets, after HdrHistogram: exact below
/// 128 ns, then 128 buckets per power of two, so a percentile is within 1/128 (0.8 %) of the true
/// value. Recording is an index computation and an increment: nothing is allocated per request.
/// Not thread-safe: each load loop keeps its own and they are merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBits = 7;
    private const int SubCount = 1 << SubBits;

    // Up to 2^40 ns (about 18 minutes); longer values land in the last bucket.
    private const int MaxExponent = 40;
    private const int BucketCount = SubCount + ((MaxExponent - SubBits + 1) * SubCount);

    private readonly long[] _counts = new long[BucketCount];

    /// <summary>How many values were recorded.</summary>
    public long Count { get; private set; }

    /// <summary>The largest value recorded, exactly.</summary>
    public long Max { get; private set; }

    /// <summary>The smallest value recorded, exactly (0 when empty).</summary>
    public long Min { get; private set; }

    /// <summary>The sum of the values recorded, for the mean.</summary>
    public double Sum { get; private set; }

    /// <summary>Counts one value in nanoseconds (negative values count as 0).</summary>
    public void Record(long nanoseconds)
    {
        var value = Math.Max(0, nanoseconds);
        _counts[IndexOf(value)]++;
        Min = Count == 0 ? value : Math.Min(Min, value);
        Max = Math.Max(Max, value);
        Sum += value;
        Count++;
    }

    /// <summary>Adds another histogram's counts to this one.</summary>
    public void Add(LatencyHistogram other)
    {
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Min = Count == 0 ? other.Min : Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Sum += other.Sum;
        Count += other.Count;
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/> (0..1): the highest value of the bucket holding
    /// the ceil(q × count)-th smallest value, capped by the exact maximum; NaN when empty.
    /// </summary>
    public double ValueAt(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(q, 0, 1) * Count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestIn(i), Max);
            }
        }

        return Max;
    }

    /// <summary>The mean of the values recorded; NaN when empty.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The bucket a value falls in.</summary>
    public static int IndexOf(long value)
    {
        if (value < SubCount)
        {
            return (int)value;
        }

        var exponent = Math.Min(63 - (int)long.LeadingZeroCount(value), MaxExponent);
        var shift = exponent - SubBits;
        var sub = (int)Math.Min((value >> shift) - SubCount, SubCount - 1);
        return SubCount + ((exponent - SubBits) * SubCount) + sub;
    }

    /// <summary>The highest value that falls in bucket <paramref name="index"/>.</summary>
    public static long HighestIn(int index)
    {
        if (index < SubCount)
        {
            return index;
        }

        var shift = (index - SubCount) / SubCount;
        var sub = (index - SubCount) % SubCount;
        return ((long)(SubCount + sub + 1) << shift) - 1;
    }
}
