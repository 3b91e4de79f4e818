using Suanwang.Core.Sites;

namespace Suanwang.Core.Market;

/// <summary>
/// Which offers a user wants to see and in what order. Every filter is optional; by default the
/// cheapest on-demand price per P·h in the base currency comes first. Build one from a query
/// string or command-line options with <see cref="TryParse"/>.
/// </summary>
/// <param name="Model">Catalog id of the accelerator model; null for any.</param>
/// <param name="MinMemoryGiB">Least memory per card in GiB; null for any.</param>
/// <param name="Jurisdiction">Country, or country and zone, the site must be in; null for anywhere.</param>
/// <param name="Tier">Site tier; null for any.</param>
/// <param name="MaxPricePerPetaflopHour">Most a P·h may cost in the base currency (spot price when <paramref name="Spot"/>); null for no cap.</param>
/// <param name="MaxCarbon">Most gCO2/kWh (mean over the next 24 hours); null for no cap.</param>
/// <param name="Spot">Compare and sort by spot prices rather than on-demand prices.</param>
/// <param name="Sort">Sort key: <c>price</c> (base-currency P·h), <c>carbon</c>, <c>memory</c>, <c>pflops</c> or <c>cards</c>.</param>
/// <param name="Descending">Largest first instead of smallest first.</param>
public sealed partial record OfferQuery(
    string? Model = null,
    double? MinMemoryGiB = null,
    Jurisdiction? Jurisdiction = null,
    SiteTier? Tier = null,
    decimal? MaxPricePerPetaflopHour = null,
    double? MaxCarbon = null,
    bool Spot = false,
    string Sort = OfferQuery.SortByPrice,
    bool Descending = false)
{
    /// <summary>Sort by the base-currency price per P·h (spot when the query is for spot).</summary>
    public const string SortByPrice = "price";

    /// <summary>Sort by mean carbon intensity over the next day.</summary>
    public const string SortByCarbon = "carbon";

    /// <summary>Sort by memory per card.</summary>
    public const string SortByMemory = "memory";

    /// <summary>Sort by PFLOPS per card.</summary>
    public const string SortByPflops = "pflops";

    /// <summary>Sort by the pool's cards.</summary>
    public const string SortByCards = "cards";

    /// <summary>The sort keys <see cref="Sort"/> accepts.</summary>
    public static IReadOnlyList<string> SortKeys { get; } = [SortByPrice, SortByCarbon, SortByMemory, SortByPflops, SortByCards];

    /// <summary>
    /// The offers that pass every filter, sorted by <see cref="Sort"/>; ties go to the lower base
    /// price, then the site id and pool, so the order is the same on every call.
    /// Throws <see cref="ArgumentException"/> for an unknown sort key.
    /// </summary>
    public IReadOnlyList<Offer> Apply(IReadOnlyList<Offer> offers)
    {
        ArgumentNullException.ThrowIfNull(offers);
        if (!SortKeys.Contains(Sort))
        {
            throw new ArgumentException($"unknown sort key '{Sort}'; expected one of: {string.Join(", ", SortKeys)}", nameof(offers));
        }

        var tier = Tier?.ToString();
        var result = new List<Offer>();
        foreach (var offer in offers)
        {
            if ((Model is null || string.Equals(offer.Model, Model, StringComparison.OrdinalIgnoreCase)) &&
                (MinMemoryGiB is not { } memory || offer.MemoryGiB >= memory) &&
                (Jurisdiction is null || Jurisdiction.Contains(JurisdictionOf(offer))) &&
                (tier is null || string.Equals(offer.Tier, tier, StringComparison.OrdinalIgnoreCase)) &&
                (MaxPricePerPetaflopHour is not { } price || offer.BasePrice(Spot) <= price) &&
                (MaxCarbon is not { } carbon || offer.CarbonGramsPerKwh <= carbon))
            {
                result.Add(offer);
            }
        }

        result.Sort(Compare);
        return result;
    }

    private int Compare(Offer a, Offer b)
    {
        var primary = Sort switch
        {
            SortByCarbon => a.CarbonGramsPerKwh.CompareTo(b.CarbonGramsPerKwh),
            SortByMemory => a.MemoryGiB.CompareTo(b.MemoryGiB),
            SortByPflops => a.Pflops.CompareTo(b.Pflops),
            SortByCards => a.Cards.CompareTo(b.Cards),
            _ => a.BasePrice(Spot).CompareTo(b.BasePrice(Spot)),
        };

        if (primary != 0)
        {
            return Descending ? -primary : primary;
        }

        var price = a.BasePrice(Spot).CompareTo(b.BasePrice(Spot));
        if (price != 0)
        {
            return price;
        }

        var site = string.CompareOrdinal(a.SiteId, b.SiteId);
        return site != 0 ? site : a.Pool.CompareTo(b.Pool);
    }

    private static Jurisdiction JurisdictionOf(Offer offer)
    {
        var colon = offer.Jurisdiction.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new Jurisdiction(offer.Jurisdiction)
            : new Jurisdiction(offer.Jurisdiction[..colon], offer.Jurisdiction[(colon + 1)..]);
    }
}
