using System.Globalization;
using System.Text;

namespace Suanwang.Portal.Charts;

/// <summary>Small SVG charts drawn on the server: numbers only go into attributes, so nothing a user typed reaches the markup.</summary>
public static class Sparkline
{
    /// <summary>A line over <paramref name="values"/> in a <paramref name="width"/> by <paramref name="height"/> box, as an SVG polyline's points.</summary>
    public static string Points(IReadOnlyList<double> values, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return "";
        }

        var max = Math.Max(values.Max(), 1);
        var step = values.Count > 1 ? width / (values.Count - 1) : 0;
        var points = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var y = height - (values[i] / max * (height - 4)) - 2;
            points.Append(CultureInfo.InvariantCulture, $"{i * step:0.#},{y:0.#} ");
        }

        return points.ToString().TrimEnd();
    }

    /// <summary>Bars for <paramref name="values"/>: each bar's x, y, width and height in a <paramref name="width"/> by <paramref name="height"/> box.</summary>
    public static IReadOnlyList<(double X, double Y, double Width, double Height)> Bars(IReadOnlyList<double> values, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(values);
        var max = values.Count == 0 ? 1 : Math.Max(values.Max(), 1e-9);
        var slot = values.Count == 0 ? width : width / values.Count;
        return values.Select((v, i) =>
        {
            var h = v / max * (height - 2);
            return (Math.Round(i * slot + 1, 1), Math.Round(height - h, 1), Math.Round(Math.Max(slot - 2, 1), 1), Math.Round(h, 1));
        }).ToList();
    }

    /// <summary>A number for an SVG attribute.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
