namespace Suanwang.Portal.Map;

/// <summary>Where a site's point on the map comes from.</summary>
public enum MapPlacement
{
    /// <summary>The location the site registered.</summary>
    Location,

    /// <summary>The middle of its country: the site registered no location.</summary>
    Country,

    /// <summary>Neither is known: the site is listed but not drawn.</summary>
    None,
}
