using System.Globalization;
using System.Text;

namespace Suanwang.ControlPlane.Bench;

/// <summary>The rows of the final markdown table.</summary>
internal sealed class Report
{
    private readonly List<(string Figure, string Value, string Target, string Verdict)> _rows = [];

    /// <summary>Figures measured by sbatch, for the ratio.</summary>
    public Dictionary<string, double> Values { get; } = new(StringComparer.Ordinal);

    public void Add(string figure, string value, string target = "", string verdict = "") => _rows.Add((figure, value, target, verdict));

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Machine.Describe());
        text.AppendLine();
        text.AppendLine("| Figure | Measured | Target | Met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (figure, value, target, verdict) in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {value} | {target} | {verdict} |");
        }

        return text.ToString();
    }
}

/// <summary>Latency percentiles.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Count) - 1)];

    public static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);
}
