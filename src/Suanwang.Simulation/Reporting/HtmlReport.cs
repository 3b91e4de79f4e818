using System.Globalization;
using System.Text;

namespace Suanwang.Simulation.Reporting;

/// <summary>Renders a <see cref="SimulationResult"/> as one self-contained HTML page: no scripts, no external files, printable.</summary>
public static partial class HtmlReport
{
    /// <summary>Most points drawn per plot; longer series are thinned keeping each bucket's minimum and maximum.</summary>
    public const int MaxPlotPoints = 2000;

    /// <summary>Most rows in the site table; larger networks show their busiest sites and point to summary.json.</summary>
    public const int MaxSiteRows = 500;

    /// <summary>The page as a string.</summary>
    public static string Render(SimulationResult result)
    {
        var html = new StringBuilder(64 * 1024);
        Append(html, result);
        return html.ToString();
    }

    /// <summary>Writes the page to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, SimulationResult result) => writer.Write(Render(result));

    private static void Append(StringBuilder html, SimulationResult result)
    {
        var s = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(inv, $"<title>Simulation report \u2014 {HtmlText.Encode(s.Network)}</title>\n");
        html.Append("<style>\n").Append(Stylesheet).Append("</style>\n</head>\n<body>\n");

        AppendHeader(html, s);
        AppendSummary(html, s);
        AppendPlots(html, result);
        AppendSites(html, s);

        html.Append(inv, $"<footer>{ReportFormat.Count(s.Events)} simulator events \u00b7 {ReportFormat.Number(s.WallSeconds, 1)} s wall-clock</footer>\n");
        html.Append("</body>\n</html>\n");
    }

    private static void AppendHeader(StringBuilder html, SimulationSummary s)
    {
        html.Append("<header>\n<h1>Simulation report</h1>\n<dl class=\"meta\">\n");
        Term(html, "Network", s.Network);
        Term(html, "Trace", s.Trace);
        Term(html, "Policy", s.Policy);
        Term(html, "Objective", s.Objective);
        Term(html, "Packer", s.Packer);
        Term(html, "Seed", s.Seed.ToString(CultureInfo.InvariantCulture));
        html.Append("</dl>\n</header>\n");
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(HtmlText.Encode(value)).Append("</dd>\n");
}
