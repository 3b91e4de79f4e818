using System.Globalization;

namespace Suanwang.Simulation.Reporting;

/// <summary>Chooses axis ticks: "nice" linear steps and readable durations on a log scale.</summary>
internal static class TickGenerator
{
    private const double Day = 86_400;

    // Landmarks a reader knows, each at most 10x the previous so a log axis never jumps a decade.
    private static readonly Tick[] s_coarseDurations =
    [
        new(0.001, "1 ms"), new(0.01, "10 ms"), new(0.1, "100 ms"),
        new(1, "1 s"), new(10, "10 s"), new(60, "1 min"), new(600, "10 min"),
        new(3600, "1 h"), new(36_000, "10 h"), new(Day, "1 d"), new(10 * Day, "10 d"),
        new(100 * Day, "100 d"), new(1000 * Day, "1000 d"),
    ];

    // Used when a narrow range holds too few coarse landmarks; a superset of the coarse ones.
    private static readonly Tick[] s_fineDurations =
    [
        new(0.001, "1 ms"), new(0.002, "2 ms"), new(0.005, "5 ms"),
        new(0.01, "10 ms"), new(0.02, "20 ms"), new(0.05, "50 ms"),
        new(0.1, "100 ms"), new(0.2, "200 ms"), new(0.5, "500 ms"),
        new(1, "1 s"), new(2, "2 s"), new(5, "5 s"), new(10, "10 s"), new(20, "20 s"), new(30, "30 s"),
        new(60, "1 min"), new(120, "2 min"), new(300, "5 min"), new(600, "10 min"), new(1200, "20 min"), new(1800, "30 min"),
        new(3600, "1 h"), new(7200, "2 h"), new(10_800, "3 h"), new(21_600, "6 h"), new(36_000, "10 h"), new(43_200, "12 h"),
        new(Day, "1 d"), new(2 * Day, "2 d"), new(4 * Day, "4 d"), new(7 * Day, "7 d"), new(10 * Day, "10 d"),
        new(14 * Day, "14 d"), new(30 * Day, "30 d"), new(60 * Day, "60 d"), new(100 * Day, "100 d"),
        new(200 * Day, "200 d"), new(365 * Day, "365 d"), new(1000 * Day, "1000 d"),
    ];

    /// <summary>Ticks at a step of 1, 2 or 5 x 10^k, about <paramref name="target"/> intervals, from at or below <paramref name="min"/> to at or above <paramref name="max"/>.</summary>
    /// <param name="min">Smallest value to cover.</param>
    /// <param name="max">Largest value to cover.</param>
    /// <param name="target">Wanted number of intervals.</param>
    /// <param name="minStep">Smallest step allowed, for example 1 for counts.</param>
    public static Tick[] Linear(double min, double max, int target = 5, double minStep = 0)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max == min)
        {
            max = min + Math.Max(minStep, min == 0 ? 1 : Math.Abs(min) * 0.1);
        }

        var (mantissa, exponent) = NiceStep((max - min) / Math.Max(1, target));
        while (minStep > 0 && Value(1, mantissa, exponent) < minStep)
        {
            (mantissa, exponent) = Next(mantissa, exponent);
        }

        var step = Value(1, mantissa, exponent);

        // A small tolerance keeps float noise (0.30000000000000004) from adding a whole extra interval.
        var first = (long)Math.Floor((min / step) + 1e-9);
        var last = (long)Math.Ceiling((max / step) - 1e-9);
        var ticks = new Tick[last - first + 1];
        var decimals = Math.Max(0, -exponent);
        for (var k = first; k <= last; k++)
        {
            var value = Value(k, mantissa, exponent);
            ticks[k - first] = new Tick(value, Label(value, step, decimals));
        }

        return ticks;
    }

    /// <summary>Ticks for a log-scale duration axis in seconds, at landmarks such as 1 s, 1 min, 1 h and 1 d, covering both ends.</summary>
    /// <param name="minPositive">Smallest value to cover; values below 1 ms are shown at 1 ms.</param>
    /// <param name="max">Largest value to cover.</param>
    public static Tick[] LogDuration(double minPositive, double max)
    {
        var low = double.IsFinite(minPositive) ? Math.Max(minPositive, s_coarseDurations[0].Value) : 1;
        var high = double.IsFinite(max) ? Math.Max(max, low) : low;
        var coarse = Covering(s_coarseDurations, low, high);
        if (coarse.Count >= 4)
        {
            return [.. coarse];
        }

        var fine = Covering(s_fineDurations, coarse[0].Value, coarse[^1].Value);
        return [.. fine];
    }

    /// <summary>Splits a rough step into mantissa 1, 2 or 5 and a power of ten, rounding up.</summary>
    internal static (int Mantissa, int Exponent) NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return (1, 0);
        }

        var exponent = (int)Math.Floor(Math.Log10(rough));
        var normalised = rough / Math.Pow(10, exponent);
        return normalised switch
        {
            <= 1.000001 => (1, exponent),
            <= 2.000001 => (2, exponent),
            <= 5.000001 => (5, exponent),
            _ => (1, exponent + 1),
        };
    }

    private static (int Mantissa, int Exponent) Next(int mantissa, int exponent) => mantissa switch
    {
        1 => (2, exponent),
        2 => (5, exponent),
        _ => (1, exponent + 1),
    };

    // k x m x 10^e, computed so that 0.1 x 3 comes out as the double nearest 0.3: dividing an
    // exact integer by an exact power of ten rounds once.
    private static double Value(long k, int mantissa, int exponent) => exponent >= 0
        ? k * mantissa * Math.Pow(10, exponent)
        : k * mantissa / Math.Pow(10, -exponent);

    private static string Label(double value, double step, int decimals)
    {
        if (step >= 1000 && value == 0)
        {
            return "0";
        }

        // Steps are 1, 2 or 5 x 10^k, so at a step of 1000 or more the thousands are whole.
        if (step >= 1_000_000)
        {
            return (value / 1_000_000).ToString("0", CultureInfo.InvariantCulture) + "M";
        }

        if (step >= 1000)
        {
            return (value / 1000).ToString("0", CultureInfo.InvariantCulture) + "k";
        }

        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    // The landmarks from the last one at or below low to the first one at or above high,
    // extending past the ladder's end by decades of days.
    private static List<Tick> Covering(Tick[] ladder, double low, double high)
    {
        var ticks = new List<Tick>();
        for (var i = 0; i < ladder.Length; i++)
        {
            var below = i + 1 < ladder.Length && ladder[i + 1].Value <= low;
            if (!below && (ticks.Count < 2 || ticks[^1].Value < high))
            {
                ticks.Add(ladder[i]);
            }
        }

        while (ticks.Count < 2 || ticks[^1].Value < high)
        {
            var days = ticks[^1].Value * 10 / Day;
            ticks.Add(new Tick(days * Day, days.ToString("0", CultureInfo.InvariantCulture) + " d"));
        }

        return ticks;
    }
}
