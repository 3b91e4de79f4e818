using System.Globalization;
using System.Text;

namespace Suanwang.Simulation.Reporting;

/// <summary>Draws line and step plots as inline SVG: a title, two axes with ticks and a light grid, series and markers.</summary>
/// <remarks>Colours and fonts come from CSS classes in the page (<c>plot-*</c>), so the page's stylesheet themes every plot.</remarks>
internal sealed class SvgPlot
{
    /// <summary>Width of the drawing, in SVG user units.</summary>
    public const double Width = 960;

    /// <summary>Height of the drawing, in SVG user units.</summary>
    public const double Height = 340;

    private const double Left = 78;
    private const double Right = 30;
    private const double Top = 48;
    private const double Bottom = 58;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    private readonly string _id;
    private readonly string _title;
    private readonly Axis _x;
    private readonly Axis _y;
    private readonly List<Series> _series = [];
    private readonly List<Marker> _markers = [];

    /// <summary>Starts a plot; <paramref name="id"/> must be unique in the page.</summary>
    public SvgPlot(string id, string title, Axis x, Axis y)
    {
        _id = id;
        _title = title;
        _x = x;
        _y = y;
    }

    /// <summary>Adds a series drawn in <paramref name="cssClass"/>; a step series holds each value until the next point; a filled one shades down to the x axis.</summary>
    public SvgPlot AddSeries(IReadOnlyList<SeriesPoint> points, string cssClass, bool step = false, bool fill = false)
    {
        _series.Add(new Series(points, cssClass, step, fill));
        return this;
    }

    /// <summary>Adds a dashed vertical line at <paramref name="x"/> with a label near the top.</summary>
    public SvgPlot AddMarker(double x, string label, string cssClass)
    {
        if (double.IsFinite(x))
        {
            _markers.Add(new Marker(x, label, cssClass));
        }

        return this;
    }

    /// <summary>Appends the <c>&lt;svg&gt;</c> element to <paramref name="html"/>.</summary>
    public void WriteTo(StringBuilder html)
    {
        var inv = CultureInfo.InvariantCulture;
        var titleId = HtmlText.Encode(_id + "-title");
        html.Append(inv, $"<svg class=\"plot\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{titleId}\">\n");
        html.Append(inv, $"<title id=\"{titleId}\">{HtmlText.Encode(_title)}</title>\n");
        html.Append(inv, $"<text class=\"plot-title\" x=\"{Left}\" y=\"26\">{HtmlText.Encode(_title)}</text>\n");
        WriteGrid(html);

        var drawn = 0;
        foreach (var series in _series)
        {
            drawn += WriteSeries(html, series);
        }

        if (drawn == 0)
        {
            html.Append(inv, $"<text class=\"plot-empty\" x=\"{Left + (PlotWidth / 2)}\" y=\"{Top + (PlotHeight / 2)}\" text-anchor=\"middle\">no data</text>\n");
        }

        for (var i = 0; i < _markers.Count; i++)
        {
            WriteMarker(html, _markers[i], i);
        }

        html.Append(inv, $"<rect class=\"plot-frame\" x=\"{Left}\" y=\"{Top}\" width=\"{PlotWidth}\" height=\"{PlotHeight}\"/>\n");
        html.Append("</svg>\n");
    }

    private static string C(double value) => ReportFormat.Coordinate(value);

    private double X(double value) => Left + (_x.Position(value) * PlotWidth);

    private double Y(double value) => Top + PlotHeight - (_y.Position(value) * PlotHeight);

    private void WriteGrid(StringBuilder html)
    {
        var inv = CultureInfo.InvariantCulture;
        html.Append("<g class=\"plot-grid\">");
        foreach (var tick in _x.Ticks)
        {
            var x = C(X(tick.Value));
            html.Append(inv, $"<line x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{Top + PlotHeight}\"/>");
        }

        foreach (var tick in _y.Ticks)
        {
            var y = C(Y(tick.Value));
            html.Append(inv, $"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Left + PlotWidth}\" y2=\"{y}\"/>");
        }

        html.Append("</g>\n<g class=\"plot-ticks\">");
        foreach (var tick in _x.Ticks)
        {
            html.Append(inv, $"<text x=\"{C(X(tick.Value))}\" y=\"{Top + PlotHeight + 20}\" text-anchor=\"middle\">{HtmlText.Encode(tick.Label)}</text>");
        }

        foreach (var tick in _y.Ticks)
        {
            html.Append(inv, $"<text x=\"{Left - 8}\" y=\"{C(Y(tick.Value) + 4)}\" text-anchor=\"end\">{HtmlText.Encode(tick.Label)}</text>");
        }

        html.Append("</g>\n");
        html.Append(inv, $"<text class=\"plot-axis\" x=\"{Left + (PlotWidth / 2)}\" y=\"{Height - 12}\" text-anchor=\"middle\">{HtmlText.Encode(_x.Title)}</text>\n");
        html.Append(inv, $"<text class=\"plot-axis\" x=\"18\" y=\"{Top + (PlotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Top + (PlotHeight / 2)})\">{HtmlText.Encode(_y.Title)}</text>\n");
    }

    private int WriteSeries(StringBuilder html, Series series)
    {
        var path = new StringBuilder(series.Points.Count * 16);
        var count = 0;
        double firstX = 0;
        double lastX = 0;
        double lastY = 0;
        foreach (var p in series.Points)
        {
            if (!double.IsFinite(p.TimeS) || !double.IsFinite(p.Value))
            {
                continue;
            }

            var x = X(p.TimeS);
            var y = Y(p.Value);
            if (count == 0)
            {
                firstX = x;
            }
            else if (series.Step)
            {
                Point(path, x, lastY);
            }

            Point(path, x, y);
            (lastX, lastY) = (x, y);
            count++;
        }

        if (count == 0)
        {
            return 0;
        }

        var inv = CultureInfo.InvariantCulture;
        if (series.Fill)
        {
            var baseline = C(Top + PlotHeight);
            html.Append(inv, $"<polygon class=\"{series.CssClass}-fill\" points=\"{path}{C(lastX)},{baseline} {C(firstX)},{baseline}\"/>\n");
        }

        html.Append(inv, $"<polyline class=\"{series.CssClass}\" points=\"{path.ToString().TrimEnd()}\"/>\n");
        return count;
    }

    private void WriteMarker(StringBuilder html, Marker marker, int index)
    {
        var inv = CultureInfo.InvariantCulture;
        var x = X(marker.X);
        var labelY = Top + 14 + (index * 16);

        // Labels past the middle sit to the left of their line so they stay inside the frame.
        var right = x > Left + (PlotWidth / 2);
        var labelX = right ? x - 5 : x + 5;
        var anchor = right ? "end" : "start";
        html.Append(inv, $"<line class=\"{marker.CssClass}\" x1=\"{C(x)}\" y1=\"{Top}\" x2=\"{C(x)}\" y2=\"{Top + PlotHeight}\"/>");
        html.Append(inv, $"<text class=\"{marker.CssClass}-label\" x=\"{C(labelX)}\" y=\"{labelY}\" text-anchor=\"{anchor}\">{HtmlText.Encode(marker.Label)}</text>\n");
    }

    private static void Point(StringBuilder path, double x, double y) =>
        path.Append(C(x)).Append(',').Append(C(y)).Append(' ');

    private readonly record struct Series(IReadOnlyList<SeriesPoint> Points, string CssClass, bool Step, bool Fill);

    private readonly record struct Marker(double X, string Label, string CssClass);
}
