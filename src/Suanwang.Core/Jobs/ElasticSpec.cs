namespace Suanwang.Core.Jobs;

/// <summary>
/// How far an elastic job may be resized, and how its throughput scales with its cards
/// (docs/formats/job.md). Each resize is a checkpoint-restart with the new card count.
/// </summary>
/// <param name="MinCards">Fewest cards it runs on.</param>
/// <param name="MaxCards">Most cards it can use.</param>
/// <param name="Scaling">Measured speed-ups by card count, ascending; empty means linear.</param>
public sealed record ElasticSpec(int MinCards, int MaxCards, IReadOnlyList<ScalingPoint> Scaling)
{
    /// <summary>
    /// The speed-up on <paramref name="cards"/> cards relative to one: the table's row for that
    /// count, linear between rows, flat past the last and proportional below the first; linear
    /// without a table.
    /// </summary>
    public double SpeedupAt(int cards)
    {
        if (cards <= 0)
        {
            return 0;
        }

        if (Scaling.Count == 0)
        {
            return cards;
        }

        var first = Scaling[0];
        if (cards <= first.Cards)
        {
            return first.Speedup * cards / first.Cards;
        }

        for (var i = 1; i < Scaling.Count; i++)
        {
            var (low, high) = (Scaling[i - 1], Scaling[i]);
            if (cards <= high.Cards)
            {
                return low.Speedup + ((high.Speedup - low.Speedup) * (cards - low.Cards) / (high.Cards - low.Cards));
            }
        }

        return Scaling[^1].Speedup;
    }

    /// <summary>Equal when the bounds and every row are.</summary>
    public bool Equals(ElasticSpec? other) =>
        other is not null && MinCards == other.MinCards && MaxCards == other.MaxCards && Scaling.SequenceEqual(other.Scaling);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(MinCards, MaxCards, Scaling.Count);
}
