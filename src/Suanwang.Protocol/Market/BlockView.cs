namespace Suanwang.Protocol.Market;

/// <summary>A reserved block an offer sells: cards for a period at a price per card-hour.</summary>
/// <param name="Index">Its index within the pool, to order it.</param>
/// <param name="Cards">Cards held for the tenant.</param>
/// <param name="Hours">Length of the period.</param>
/// <param name="PricePerCardHour">Discounted price per card-hour, in the offer's currency.</param>
/// <param name="Total">Price of the whole block, in the offer's currency.</param>
public sealed record BlockView(int Index, int Cards, double Hours, string PricePerCardHour, string Total);
