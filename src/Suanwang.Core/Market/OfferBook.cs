using Suanwang.Core.Accelerators;
using Suanwang.Core.Networks;

namespace Suanwang.Core.Market;

/// <summary>Builds the market's listing of a network: one <see cref="Offer"/> per pool.</summary>
public static class OfferBook
{
    /// <summary>The span over which an offer's carbon intensity is averaged: one day.</summary>
    public const double CarbonWindowSeconds = 24 * 3600;

    /// <summary>
    /// One offer per pool, sites in network order and pools in site order; carbon is the mean over
    /// the 24 hours from <paramref name="now"/> (seconds on the clock the profiles use).
    /// </summary>
    public static IReadOnlyList<Offer> From(Network network, double now)
    {
        ArgumentNullException.ThrowIfNull(network);
        var offers = new List<Offer>();
        foreach (var site in network.Sites)
        {
            var carbon = site.Carbon.MeanOver(now, now + CarbonWindowSeconds);
            var jurisdiction = site.Jurisdiction.ToString();
            var tier = site.Tier.ToString().ToLowerInvariant();
            for (var i = 0; i < site.Pools.Count; i++)
            {
                var pool = site.Pools[i];
                var model = pool.Model;
                offers.Add(new Offer(
                    site.Id,
                    site.Owner,
                    jurisdiction,
                    tier,
                    i,
                    model.Id,
                    model.MemoryGiB,
                    model.Pflops,
                    pool.Cards,
                    pool.Currency,
                    pool.PricePerCardHour,
                    pool.SpotPricePerCardHour,
                    pool.PricePerPetaflopHour,
                    StandardUnit.PricePerPetaflopHour(pool.SpotPricePerCardHour, model),
                    // Convert the card-hour price, then divide: rounding the P·h figure once, not twice.
                    StandardUnit.PricePerPetaflopHour(network.ToBase(pool.PricePerCardHour, pool.Currency), model),
                    carbon,
                    pool.Blocks,
                    StandardUnit.PricePerPetaflopHour(network.ToBase(pool.SpotPricePerCardHour, pool.Currency), model)));
            }
        }

        return offers;
    }
}
