using Suanwang.Core.Sites;

namespace Suanwang.Portal.Map;

/// <summary>A site as the network map shows it.</summary>
/// <param name="Id">The site's id.</param>
/// <param name="Owner">The provider that owns it.</param>
/// <param name="Jurisdiction">Country and zone.</param>
/// <param name="Tier">Core, hub, edge or orbital.</param>
/// <param name="Latitude">Where it is drawn, degrees; its own location, else its country's middle.</param>
/// <param name="Longitude">Where it is drawn, degrees.</param>
/// <param name="Placement">Whether the point is the site's own location, its country's middle, or unknown (not drawn).</param>
/// <param name="Carbon">Grid carbon intensity now, gCO2/kWh.</param>
/// <param name="Cards">All its cards.</param>
/// <param name="Free">Free cards now, when the scheduler has published them.</param>
/// <param name="State">up, draining or down.</param>
public sealed record MapSite(
    string Id,
    string Owner,
    string Jurisdiction,
    SiteTier Tier,
    double Latitude,
    double Longitude,
    MapPlacement Placement,
    double Carbon,
    int Cards,
    int? Free,
    string State)
{
    /// <summary>Share of its cards in use, 0..1; null while unknown.</summary>
    public double? Load => Free is { } free && Cards > 0 ? Math.Clamp((Cards - free) / (double)Cards, 0, 1) : null;

    /// <summary>Where it falls on the map, in map units.</summary>
    public (double X, double Y) Point => WorldMap.Project(Latitude, Longitude);

    /// <summary>The carbon band the marker's colour shows: low (below 200 g/kWh), mid (below 400), high (below 600) or top.</summary>
    public string CarbonBand => Carbon switch
    {
        < 200 => "low",
        < 400 => "mid",
        < 600 => "high",
        _ => "top",
    };

    /// <summary>The marker's half-size in map units: larger the more of its cards are in use.</summary>
    public double Radius => 2.5 + (4 * (Load ?? 0));
}
