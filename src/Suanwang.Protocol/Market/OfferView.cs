namespace Suanwang.Protocol.Market;

/// <summary>One pool of one site on the market (<c>GET /api/v1/offers</c>); prices are decimal strings.</summary>
/// <param name="Site">Site id.</param>
/// <param name="Owner">The provider.</param>
/// <param name="Jurisdiction">CC or CC:zone.</param>
/// <param name="Tier">core, hub, edge or orbital.</param>
/// <param name="Pool">Pool index within the site.</param>
/// <param name="Model">Accelerator model.</param>
/// <param name="MemoryGib">Memory per card.</param>
/// <param name="Pflops">Dense FP16 PFLOPS per card.</param>
/// <param name="Cards">Cards in the pool.</param>
/// <param name="Currency">Currency the provider prices in.</param>
/// <param name="PricePerCardHour">On-demand price per card-hour.</param>
/// <param name="SpotPricePerCardHour">Spot price per card-hour.</param>
/// <param name="PricePerPHour">On-demand price per P·h.</param>
/// <param name="SpotPricePerPHour">Spot price per P·h.</param>
/// <param name="BaseCurrency">The server's base currency.</param>
/// <param name="BasePricePerPHour">On-demand price per P·h in the base currency, at the published rate.</param>
/// <param name="BaseSpotPricePerPHour">Spot price per P·h in the base currency.</param>
/// <param name="CarbonGco2PerKwh">Mean grid carbon intensity over the next 24 hours.</param>
/// <param name="Blocks">Reserved blocks for sale.</param>
public sealed record OfferView(
    string Site,
    string Owner,
    string Jurisdiction,
    string Tier,
    int Pool,
    string Model,
    double MemoryGib,
    double Pflops,
    int Cards,
    string Currency,
    string PricePerCardHour,
    string SpotPricePerCardHour,
    string PricePerPHour,
    string SpotPricePerPHour,
    string BaseCurrency,
    string BasePricePerPHour,
    string BaseSpotPricePerPHour,
    double CarbonGco2PerKwh,
    IReadOnlyList<BlockView> Blocks);
