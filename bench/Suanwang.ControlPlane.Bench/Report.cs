using Suanwang.Benchmarks;
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
