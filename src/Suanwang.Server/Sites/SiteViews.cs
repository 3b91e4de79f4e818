using Suanwang.Core.Market;
using Suanwang.Core.Sites;
using Suanwang.Protocol.Sites;
using Suanwang.Storage.Sites;

namespace Suanwang.Server.Sites;

/// <summary>Registered sites as the API shows them.</summary>
internal static class SiteViews
{
    /// <summary>The API view of a site; <paramref name="site"/> is null when its stored spec no longer parses.</summary>
    public static SiteView Of(SiteRecord record, Site? site, int freeCards)
    {
        var pools = site?.Pools.Select(p => new PoolView(
            p.Model.Id,
            p.Nodes,
            p.CardsPerNode,
            MinorUnits.FormatRate(p.PricePerCardHour, p.Currency),
            p.Currency,
            p.CapacityP)).ToList() ?? [];
        return new SiteView(
            record.Id,
            site?.Owner ?? "",
            site?.Jurisdiction.ToString() ?? "",
            site?.Tier.ToString().ToLowerInvariant() ?? "",
            record.Backend,
            StateOf(record),
            site?.Cards ?? 0,
            freeCards,
            pools,
            record.LastHeartbeat);
    }

    /// <summary>up, down or draining.</summary>
    public static string StateOf(SiteRecord record) => !record.Up ? "down" : record.Draining ? "draining" : "up";
}
