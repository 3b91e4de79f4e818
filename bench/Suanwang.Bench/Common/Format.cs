using System.Globalization;

namespace Suanwang.Bench.Common;

/// <summary>Number formatting shared by every command: invariant culture, thousands separators.</summary>
public static class Format
{
    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Megabytes(double bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture) + " MB";

    public static string Ratio(double value) => value.ToString("N0", CultureInfo.InvariantCulture) + "x";

    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"best / median" of repeated runs, or just the value for a single run.</summary>
    public static string BestMedian(Samples samples, Func<double, string> format) =>
        samples.Count <= 1 ? format(samples.Best) : $"{format(samples.Best)} / {format(samples.Median)}";
}
