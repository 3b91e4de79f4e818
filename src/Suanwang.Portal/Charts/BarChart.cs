namespace Suanwang.Portal.Charts;

/// <summary>A bar chart drawn as SVG on the server, with the same numbers as a table for readers who cannot see it.</summary>
/// <param name="Id">Id of the chart's figure, unique on its page.</param>
/// <param name="Title">The chart's caption.</param>
/// <param name="Heading">The heading of the value column in its table.</param>
/// <param name="Bars">The bars, in the order drawn.</param>
public sealed record BarChart(string Id, string Title, string Heading, IReadOnlyList<ChartBar> Bars)
{
    /// <summary>Width of the drawing, in SVG units.</summary>
    public const double Width = 600;

    /// <summary>Height of the drawing, in SVG units.</summary>
    public const double Height = 160;

    /// <summary>Whether any bar is above zero.</summary>
    public bool HasData => Bars.Any(b => b.Value > 0);

    /// <summary>Each bar's box in the drawing, in the order of <see cref="Bars"/>.</summary>
    public IReadOnlyList<(double X, double Y, double Width, double Height)> Boxes() =>
        Sparkline.Bars(Bars.Select(b => Math.Max(b.Value, 0)).ToList(), Width, Height);

    /// <summary>The bar with the largest value; null when there is none.</summary>
    public ChartBar? Largest => Bars.Count == 0 ? null : Bars.MaxBy(b => b.Value);
}
