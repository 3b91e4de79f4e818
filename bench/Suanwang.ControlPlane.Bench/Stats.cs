using System.Globalization;

namespace Suanwang.ControlPlane.Bench;

/// <summary>Latency percentiles.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);
}
