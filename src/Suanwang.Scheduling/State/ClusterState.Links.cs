using Suanwang.Core.Networks;

namespace Suanwang.Scheduling.State;

/// <summary>Links between sites: data-transfer bandwidth and orbital contact.</summary>
public sealed partial class ClusterState
{
    private Dictionary<long, int> _linkIndex = null!;
    private double[] _linkGbps = null!;
    private ContactWindow?[] _linkContact = null!;
    private int[][] _siteLinks = null!;
    private int[][] _siteNeighbours = null!;

    /// <summary>Sites joined to <paramref name="site"/> by a link of their own, whose transfers do not go over the uplinks.</summary>
    public ReadOnlySpan<int> LinkedSites(int site) => _siteNeighbours[site];

    /// <summary>Seconds to move <paramref name="sizeGB"/> from site <paramref name="from"/> (-1: outside) to <paramref name="to"/>.</summary>
    public double TransferSeconds(int from, int to, double sizeGB)
    {
        if (from == to || sizeGB <= 0)
        {
            return 0;
        }

        double gbps;
        if (from >= 0 && _linkIndex.TryGetValue(Key(from, to), out var link))
        {
            gbps = _linkGbps[link];
            if (_linkContact[link] is { } contact)
            {
                // A link that is up only part of the time carries data at its duty cycle on average.
                gbps *= contact.OpenSeconds / contact.PeriodSeconds;
            }
        }
        else
        {
            gbps = from >= 0 ? Math.Min(SiteUplinkGbps[from], SiteUplinkGbps[to]) : SiteUplinkGbps[to];
        }

        return sizeGB * 8.0 / gbps;
    }

    /// <summary>True when an orbital site has at least one link up at <paramref name="now"/>.</summary>
    public bool IsInContact(int site, double now)
    {
        foreach (var link in _siteLinks[site])
        {
            if (_linkContact[link] is not { } contact || contact.IsOpen(now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The earliest time at or after <paramref name="now"/> when <paramref name="site"/> is reachable.</summary>
    public double NextContact(int site, double now)
    {
        var best = double.PositiveInfinity;
        foreach (var link in _siteLinks[site])
        {
            var open = _linkContact[link]?.NextOpen(now) ?? now;
            best = Math.Min(best, open);
        }

        return _siteLinks[site].Length == 0 ? now : best;
    }

    private long Key(int a, int b) => a < b ? ((long)a * SiteCount) + b : ((long)b * SiteCount) + a;

    private void BuildLinks(Network network)
    {
        var links = network.Links;
        _linkIndex = new Dictionary<long, int>(links.Count);
        _linkGbps = new double[links.Count];
        _linkContact = new ContactWindow?[links.Count];
        var perSite = new List<int>[SiteCount];
        var neighbours = new List<int>[SiteCount];
        for (var s = 0; s < SiteCount; s++)
        {
            perSite[s] = [];
            neighbours[s] = [];
        }

        for (var i = 0; i < links.Count; i++)
        {
            var a = network.IndexOf(links[i].A);
            var b = network.IndexOf(links[i].B);
            _linkIndex[Key(a, b)] = i;
            _linkGbps[i] = links[i].BandwidthGbps;
            _linkContact[i] = links[i].Contact;
            perSite[a].Add(i);
            perSite[b].Add(i);
            neighbours[a].Add(b);
            neighbours[b].Add(a);
        }

        _siteLinks = perSite.Select(l => l.ToArray()).ToArray();
        _siteNeighbours = neighbours.Select(l => l.ToArray()).ToArray();
        for (var s = 0; s < SiteCount; s++)
        {
            if (SiteOrbital[s])
            {
                SiteInContact[s] = IsInContact(s, 0);
            }
        }
    }
}
