using System.Globalization;

namespace Suanwang.Portal.Map;

/// <summary>
/// The world map's committed data (Map/world-110m.txt and Map/country-centroids.txt, made by
/// scripts/world-map.sh from Natural Earth, public domain): country outlines as SVG paths in an
/// equirectangular projection, and where each country's middle is. Read once, shared by every request.
/// </summary>
public static class WorldMap
{
    /// <summary>Map units a degree.</summary>
    public const double Scale = 2.5;

    /// <summary>The northernmost latitude drawn.</summary>
    public const double North = 85;

    /// <summary>The southernmost latitude drawn (Antarctica is left out).</summary>
    public const double South = -57;

    /// <summary>The map's width in map units.</summary>
    public const double Width = 360 * Scale;

    /// <summary>The map's height in map units.</summary>
    public const double Height = (North - South) * Scale;

    private static readonly Lazy<IReadOnlyList<(string Country, string Path)>> s_outlines = new(() => Read("world-110m.txt", parts => (parts[0], parts[1])));

    private static readonly Lazy<Dictionary<string, (double Latitude, double Longitude)>> s_centroids = new(() =>
        Read("country-centroids.txt", parts => (parts[0], (double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture))))
            .ToDictionary(c => c.Item1, c => c.Item2, StringComparer.Ordinal));

    /// <summary>Every country's outline: its ISO alpha-2 code ("-" for the few without one) and SVG path data.</summary>
    public static IReadOnlyList<(string Country, string Path)> Outlines => s_outlines.Value;

    /// <summary>The middle of a country's largest landmass in degrees; null for a code the data lacks.</summary>
    public static (double Latitude, double Longitude)? Centroid(string country) =>
        s_centroids.Value.TryGetValue(country, out var at) ? at : null;

    /// <summary>Where a point falls on the map, in map units (latitudes beyond the drawn band are held at its edge).</summary>
    public static (double X, double Y) Project(double latitude, double longitude) =>
        ((Math.Clamp(longitude, -180, 180) + 180) * Scale, (North - Math.Clamp(latitude, South, North)) * Scale);

    private static List<T> Read<T>(string file, Func<string[], T> row)
    {
        using var stream = typeof(WorldMap).Assembly.GetManifestResourceStream("worldmap." + file)
            ?? throw new InvalidOperationException($"the portal assembly lacks its map data {file}");
        using var reader = new StreamReader(stream);
        var rows = new List<T>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                rows.Add(row(line.Split('\t')));
            }
        }

        return rows;
    }
}
