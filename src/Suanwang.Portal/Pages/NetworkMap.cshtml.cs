using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;
using Suanwang.Portal.Map;
using Suanwang.Storage.Sites;

namespace Suanwang.Portal.Pages;

/// <summary>
/// The network on a world map: every site by tier (shape), grid carbon (colour) and load (size),
/// the links between them, a legend, the same sites as a table a page at a time, and the orbital
/// sites apart with their next contact windows.
/// </summary>
public sealed class NetworkMapModel(ISiteStore store, SiteDirectory directory, ClusterSnapshot snapshot, TimeProvider time) : PortalPage
{
    /// <summary>Rows of the table a page.</summary>
    public const int PageSize = 100;

    /// <summary>Every site on the ground (drawn or not), in the registry's order (by id).</summary>
    public IReadOnlyList<MapSite> Sites { get; private set; } = [];

    /// <summary>The sites in orbit.</summary>
    public IReadOnlyList<MapSite> Orbital { get; private set; } = [];

    /// <summary>The next contact window of each orbital site's links.</summary>
    public IReadOnlyList<MapContact> Contacts { get; private set; } = [];

    /// <summary>The links between two drawn sites: their two points, and whether the link has contact windows.</summary>
    public IReadOnlyList<(MapSite A, MapSite B, SiteLink Link)> Links { get; private set; } = [];

    /// <summary>Countries with at least one site.</summary>
    public IReadOnlySet<string> Countries { get; private set; } = new HashSet<string>();

    /// <summary>The table's page, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>The table's pages.</summary>
    public int Pages => Math.Max(1, (Sites.Count + PageSize - 1) / PageSize);

    /// <summary>The rows of the table's page.</summary>
    public IEnumerable<MapSite> Rows => Sites.Skip((PageNumber - 1) * PageSize).Take(PageSize);

    /// <summary>When the map was made.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Why the query was refused: the field and the reason.</summary>
    public (string Field, string Message)? Problem { get; private set; }

    /// <summary>Draws the map; a bad page number is 400 naming it.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (PageQuery.Read(Request, out var number) is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        PageNumber = number;
        Now = time.GetUtcNow();
        var seconds = Now.ToUnixTimeMilliseconds() / 1000.0;
        var records = await store.ListSitesAsync(cancellationToken).ConfigureAwait(false);
        var view = directory.ViewOf(records);
        var ground = new List<MapSite>(records.Count);
        var orbital = new List<MapSite>();
        var countries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (directory.SiteOf(record) is not { } site)
            {
                continue;
            }

            var state = !record.Up ? "down" : record.Draining ? "draining" : "up";
            var (lat, lon, placement) = PointOf(site);
            var shown = new MapSite(site.Id, site.Owner, site.Jurisdiction.ToString(), site.Tier, lat, lon, placement, site.Carbon.At(seconds), site.Cards, snapshot.FreeCards(site.Id), state);
            (site.Tier == SiteTier.Orbital ? orbital : ground).Add(shown);
            countries.Add(site.Jurisdiction.Country);
        }

        Sites = ground;
        Orbital = orbital;
        Countries = countries;
        if (PageNumber > Pages)
        {
            PageNumber = Pages;
        }

        var drawn = ground.Where(s => s.Placement != MapPlacement.None).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var orbiting = orbital.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        Links = view.Network.Links
            .Where(l => drawn.ContainsKey(l.A) && drawn.ContainsKey(l.B))
            .Select(l => (drawn[l.A], drawn[l.B], l))
            .ToList();
        Contacts = view.Network.Links
            .Where(l => l.Contact is not null && (orbiting.Contains(l.A) || orbiting.Contains(l.B)))
            .Select(l =>
            {
                var (site, other) = orbiting.Contains(l.A) ? (l.A, l.B) : (l.B, l.A);
                var open = l.Contact!.NextOpen(seconds);
                var close = open - (((open - l.Contact.OffsetSeconds) % l.Contact.PeriodSeconds + l.Contact.PeriodSeconds) % l.Contact.PeriodSeconds) + l.Contact.OpenSeconds;
                return new MapContact(site, other, At(open), At(close));
            })
            .OrderBy(c => c.Open)
            .ToList();
        return Page();
    }

    /// <summary>The next contact window of an orbital site, if any link gives one.</summary>
    public MapContact? NextContact(string site) => Contacts.FirstOrDefault(c => c.Site == site);

    // A site registered without a location reads as (0, 0): no compute site sits in the Gulf of Guinea.
    private static (double Latitude, double Longitude, MapPlacement Placement) PointOf(Site site)
    {
        if (site.Location.Latitude != 0 || site.Location.Longitude != 0)
        {
            return (site.Location.Latitude, site.Location.Longitude, MapPlacement.Location);
        }

        return WorldMap.Centroid(site.Jurisdiction.Country) is { } middle
            ? (middle.Latitude, middle.Longitude, MapPlacement.Country)
            : (0, 0, MapPlacement.None);
    }

    private static DateTimeOffset At(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
}
