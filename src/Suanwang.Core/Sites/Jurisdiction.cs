namespace Suanwang.Core.Sites;

/// <summary>Where a site's or a dataset's law applies: an ISO 3166-1 alpha-2 country and an optional zone.</summary>
/// <param name="Country">Upper-case ISO 3166-1 alpha-2 code, for example <c>CN</c>.</param>
/// <param name="Zone">Optional zone inside the country, for example a free-trade zone <c>tianjin-ftz</c>.</param>
public sealed record Jurisdiction(string Country, string? Zone = null)
{
    /// <summary>Parses <c>CN</c> or <c>CN:tianjin-ftz</c>; returns null with a reason when invalid.</summary>
    public static Jurisdiction? TryParse(string text, out string? reason)
    {
        var parts = text.Split(':', 2);
        var country = parts[0].Trim().ToUpperInvariant();
        if (!CountryCodes.IsValid(country))
        {
            reason = $"'{parts[0]}' is not an ISO 3166-1 alpha-2 country code";
            return null;
        }

        string? zone = null;
        if (parts.Length == 2)
        {
            zone = parts[1].Trim();
            if (zone.Length == 0)
            {
                reason = "the zone after ':' is empty";
                return null;
            }
        }

        reason = null;
        return new Jurisdiction(country, zone);
    }

    /// <summary>True when a site in <paramref name="site"/> is inside this jurisdiction (a country contains its zones).</summary>
    public bool Contains(Jurisdiction site) =>
        Country == site.Country && (Zone is null || string.Equals(Zone, site.Zone, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override string ToString() => Zone is null ? Country : $"{Country}:{Zone}";
}
