using Suanwang.Core.Sites;

namespace Suanwang.Core.Market;

/// <summary>One pool of one site as the market lists it: what it has, where, at what price and carbon.</summary>
/// <param name="SiteId">The site's id.</param>
/// <param name="Owner">The provider that owns the site.</param>
/// <param name="Jurisdiction">The site's jurisdiction, <c>CC</c> or <c>CC:zone</c>.</param>
/// <param name="Tier">The site's tier in lower case: core, hub, edge or orbital.</param>
/// <param name="Pool">Index of the pool within its site.</param>
/// <param name="Model">Catalog id of the accelerator model.</param>
/// <param name="MemoryGiB">Memory per card in GiB.</param>
/// <param name="Pflops">Dense FP16 PFLOPS per card.</param>
/// <param name="Cards">All cards of the pool.</param>
/// <param name="Currency">Currency of the pool's prices.</param>
/// <param name="PricePerCardHour">On-demand price per card-hour, in <paramref name="Currency"/>.</param>
/// <param name="SpotPricePerCardHour">Spot price per card-hour, in <paramref name="Currency"/>.</param>
/// <param name="PricePerPetaflopHour">On-demand price per P·h, in <paramref name="Currency"/>.</param>
/// <param name="SpotPricePerPetaflopHour">Spot price per P·h, in <paramref name="Currency"/>.</param>
/// <param name="BasePricePerPetaflopHour">On-demand price per P·h in the network's base currency, at the published rate.</param>
/// <param name="CarbonGramsPerKwh">Mean grid carbon intensity over the 24 hours from the listing time, gCO2/kWh.</param>
/// <param name="Blocks">Reserved blocks the pool offers, prices in <paramref name="Currency"/>.</param>
/// <param name="BaseSpotPricePerPetaflopHour">Spot price per P·h in the network's base currency, at the published rate.</param>
public sealed record Offer(
    string SiteId,
    string Owner,
    string Jurisdiction,
    string Tier,
    int Pool,
    string Model,
    double MemoryGiB,
    double Pflops,
    int Cards,
    string Currency,
    decimal PricePerCardHour,
    decimal SpotPricePerCardHour,
    decimal PricePerPetaflopHour,
    decimal SpotPricePerPetaflopHour,
    decimal BasePricePerPetaflopHour,
    double CarbonGramsPerKwh,
    IReadOnlyList<ReservedBlock> Blocks,
    decimal BaseSpotPricePerPetaflopHour)
{
    /// <summary>The base-currency price per P·h a query compares: spot or on-demand.</summary>
    public decimal BasePrice(bool spot) => spot ? BaseSpotPricePerPetaflopHour : BasePricePerPetaflopHour;
}
