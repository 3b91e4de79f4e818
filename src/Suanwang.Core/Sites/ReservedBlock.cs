namespace Suanwang.Core.Sites;

/// <summary>A block of cards a pool offers for a fixed term at a fixed price, paid up front.</summary>
/// <param name="Cards">Cards in the block, at most the pool's cards.</param>
/// <param name="Hours">Length of the term in hours, 1..8784 (a leap year).</param>
/// <param name="PricePerCardHour">Price of one card-hour in the pool's currency, at most its on-demand price.</param>
public sealed record ReservedBlock(int Cards, double Hours, decimal PricePerCardHour)
{
    /// <summary>The longest term a block may have: a leap year, in hours.</summary>
    public const double MaxHours = 8784;

    /// <summary>Price of the whole block in the pool's currency: cards × hours × price.</summary>
    public decimal Total => Cards * (decimal)Hours * PricePerCardHour;
}
