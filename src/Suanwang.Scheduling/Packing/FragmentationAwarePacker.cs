namespace Suanwang.Scheduling.Packing;

/// <summary>
/// Fragmentation-aware packing after Weng et al., "Beware of Fragmentation" (USENIX ATC 2023):
/// a node's fragmentation is the expected number of its free cards that a job drawn from the
/// observed size distribution could not use; each placement goes to the node whose fragmentation
/// grows least.
/// </summary>
public sealed class FragmentationAwarePacker : INodePacker
{
    private const int MaxCards = 64;
    private readonly double[] _sizeCounts = new double[MaxCards + 1];
    private double _observed;

    /// <inheritdoc />
    public string Name => "fragmentation-aware";

    /// <inheritdoc />
    public bool Choose(ReadOnlySpan<int> nodeFree, int cardsPerNode, int cards, int nodes, Span<int> chosen)
    {
        var picked = 0;
        while (picked < nodes)
        {
            var best = -1;
            var bestDelta = double.PositiveInfinity;
            var bestFree = int.MaxValue;
            for (var n = 0; n < nodeFree.Length; n++)
            {
                var free = nodeFree[n];
                if (free < cards || chosen[..picked].Contains(n))
                {
                    continue;
                }

                var delta = Fragmentation(free - cards) - Fragmentation(free);
                if (delta < bestDelta - 1e-12 || (Math.Abs(delta - bestDelta) <= 1e-12 && free < bestFree))
                {
                    best = n;
                    bestDelta = delta;
                    bestFree = free;
                }
            }

            if (best < 0)
            {
                return false;
            }

            chosen[picked++] = best;
        }

        return true;
    }

    /// <inheritdoc />
    public void Observe(int cards)
    {
        _sizeCounts[Math.Clamp(cards, 1, MaxCards)] += 1;
        _observed += 1;
    }

    /// <summary>Expected free cards of a node with <paramref name="free"/> free that a random job cannot use.</summary>
    internal double Fragmentation(int free)
    {
        if (free == 0)
        {
            return 0;
        }

        if (_observed == 0)
        {
            // With nothing observed, assume one-card jobs dominate (as in every public GPU trace):
            // no hole is then wasted, and ties fall back to best fit.
            return 0;
        }

        double unusable = 0;
        for (var k = free + 1; k <= MaxCards; k++)
        {
            unusable += _sizeCounts[k];
        }

        return free * unusable / _observed;
    }
}
