using System.Text;

namespace Suanwang.Simulation.Reporting;

/// <content>The three plots: JCT CDF, utilization over time, queue length over time.</content>
public static partial class HtmlReport
{
    private static void AppendPlots(StringBuilder html, SimulationResult result)
    {
        html.Append("<section class=\"plots\">\n<h2>Plots</h2>\n");
        Figure(html, JctCdf(result));
        Figure(html, OverTime(
            "utilization", "Utilization over time", "cards busy (%)", result.Utilization, scale: 100,
            _ => TickGenerator.Linear(0, 100, 5), step: false, fill: true));
        Figure(html, OverTime(
            "queue", "Queue length over time", "jobs waiting", result.QueueLength, scale: 1,
            max => TickGenerator.Linear(0, Math.Max(1, max), 5, minStep: 1), step: true, fill: false));
        html.Append("</section>\n");
    }

    private static void Figure(StringBuilder html, SvgPlot plot)
    {
        html.Append("<figure>\n");
        plot.WriteTo(html);
        html.Append("</figure>\n");
    }

    private static SvgPlot JctCdf(SimulationResult result)
    {
        var points = Cdf.Points(result.JctSeconds, MaxPlotPoints);
        var minPositive = 1.0;
        foreach (var p in points)
        {
            if (p.TimeS > 0)
            {
                minPositive = p.TimeS;
                break;
            }
        }

        var max = points.Length > 0 ? points[^1].TimeS : minPositive;
        var x = Axis.Log("job completion time (log scale)", TickGenerator.LogDuration(minPositive, max));
        var y = Axis.Linear("fraction of jobs done", TickGenerator.Linear(0, 1, 5));
        var plot = new SvgPlot("plot-jct", "JCT distribution (CDF)", x, y).AddSeries(points, "plot-line", step: true);
        if (points.Length > 0)
        {
            var s = result.Summary;
            Mark(plot, x, s.LowerBound.JctMeanS, "lower bound of mean " + ReportFormat.Duration(s.LowerBound.JctMeanS), "plot-bound");
            Mark(plot, x, s.Jct.MeanS, "mean " + ReportFormat.Duration(s.Jct.MeanS), "plot-mean");
        }

        return plot;
    }

    private static void Mark(SvgPlot plot, Axis x, double value, string label, string cssClass)
    {
        if (value >= x.Min && value <= x.Max)
        {
            plot.AddMarker(value, label, cssClass);
        }
    }

    private static SvgPlot OverTime(
        string id, string title, string yTitle, IReadOnlyList<SeriesPoint> series, double scale,
        Func<double, Tick[]> yTicks, bool step, bool fill)
    {
        var thinned = Downsampler.MinMax(series, MaxPlotPoints);
        var (start, end, top) = Extent(thinned);
        var (unit, name) = TimeUnit(end - start);
        var points = new SeriesPoint[thinned.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new SeriesPoint(thinned[i].TimeS / unit, thinned[i].Value * scale);
        }

        var x = Axis.Linear($"simulated time ({name})", TickGenerator.Linear(start / unit, end / unit, 8));
        var y = Axis.Linear(yTitle, yTicks(top * scale));
        return new SvgPlot("plot-" + id, title, x, y).AddSeries(points, "plot-line", step, fill);
    }

    private static (double Start, double End, double Top) Extent(SeriesPoint[] points)
    {
        var start = double.PositiveInfinity;
        var end = double.NegativeInfinity;
        var top = 0.0;
        foreach (var p in points)
        {
            if (double.IsFinite(p.TimeS) && double.IsFinite(p.Value))
            {
                start = Math.Min(start, p.TimeS);
                end = Math.Max(end, p.TimeS);
                top = Math.Max(top, p.Value);
            }
        }

        return double.IsFinite(start) ? (start, end, top) : (0, 1, 0);
    }

    // The largest unit that still gives a few whole ticks across the run.
    private static (double Seconds, string Name) TimeUnit(double span) => span switch
    {
        <= 120 => (1, "s"),
        <= 2 * 3600 => (60, "min"),
        <= 3 * 86_400 => (3600, "h"),
        _ => (86_400, "d"),
    };
}
