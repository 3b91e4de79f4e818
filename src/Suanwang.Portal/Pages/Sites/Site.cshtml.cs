using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Dispatch;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Core.Networks;
using Suanwang.Core.Sites;
using Suanwang.Portal.Security;
using Suanwang.Storage.Sites;

namespace Suanwang.Portal.Pages.Sites;

/// <summary>One site (a provider's session: one of its own): owner, tier, where, its pools with prices and free cards, carbon over the next day and, for links with contact windows, when they next open.</summary>
[ProviderPage]
public sealed class SiteModel(ISiteStore store, SiteDirectory directory, MarketOptions market, ClusterSnapshot snapshot, TimeProvider time) : PortalPage
{
    /// <summary>Contact windows listed per link.</summary>
    public const int Windows = 3;

    /// <summary>The stored record.</summary>
    public SiteRecord Record { get; private set; } = null!;

    /// <summary>The parsed site; null when its spec no longer parses.</summary>
    public Site? Site { get; private set; }

    /// <summary>Free cards now, when known.</summary>
    public int? Free { get; private set; }

    /// <summary>Hourly carbon intensity over the next 24 hours, gCO2/kWh.</summary>
    public IReadOnlyList<double> Carbon { get; private set; } = [];

    /// <summary>When the page was made.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The base currency.</summary>
    public string BaseCurrency => market.Currency;

    /// <summary>The next contact windows of each link of the site that has them: the other end and the windows' start and end.</summary>
    public IReadOnlyList<(string Other, IReadOnlyList<(DateTimeOffset Open, DateTimeOffset Close)> Windows)> Contacts { get; private set; } = [];

    /// <summary>Shows the site; 404 for an unknown one, 403 for a provider's session on a site it does not own.</summary>
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (id.Length > 128 || await store.GetSiteAsync(id, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return NotFound();
        }

        Record = record;
        Site = directory.SiteOf(record);
        if (Me.Owner is { } owner && Site?.Owner != owner)
        {
            return Forbid();
        }

        Free = snapshot.FreeCards(id);
        Now = time.GetUtcNow();
        var seconds = Now.ToUnixTimeMilliseconds() / 1000.0;
        if (Site is not null)
        {
            Carbon = Enumerable.Range(0, 25).Select(h => Site.Carbon.At(seconds + h * 3600)).ToList();
            var links = directory.ViewOf(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false)).Network.Links;
            Contacts = links.Where(l => l.Contact is not null && (l.A == id || l.B == id))
                .Select(l => (l.A == id ? l.B : l.A, (IReadOnlyList<(DateTimeOffset Open, DateTimeOffset Close)>)Next(l.Contact!, seconds)))
                .ToList();
        }

        return Page();
    }

    private static List<(DateTimeOffset, DateTimeOffset)> Next(ContactWindow window, double now)
    {
        var list = new List<(DateTimeOffset, DateTimeOffset)>();
        var at = now;
        for (var i = 0; i < Windows; i++)
        {
            var open = window.NextOpen(at);
            var close = open + window.OpenSeconds;
            list.Add((DateTimeOffset.FromUnixTimeMilliseconds((long)(open * 1000)), DateTimeOffset.FromUnixTimeMilliseconds((long)(close * 1000))));
            at = close + 1;
        }

        return list;
    }
}
