namespace Suanwang.Scheduling.Packing;

/// <summary>Best fit: the nodes with the fewest free cards that still fit, so whole nodes stay free for big gangs.</summary>
public sealed class BestFitPacker : INodePacker
{
    /// <inheritdoc />
    public string Name => "best-fit";

    /// <inheritdoc />
    public bool Choose(ReadOnlySpan<int> nodeFree, int cardsPerNode, int cards, int nodes, Span<int> chosen)
    {
        // Gangs take whole rounds of "tightest remaining node"; for the common one-node job this is one pass.
        var picked = 0;
        while (picked < nodes)
        {
            var best = -1;
            var bestFree = int.MaxValue;
            for (var n = 0; n < nodeFree.Length; n++)
            {
                var free = nodeFree[n];
                if (free >= cards && free < bestFree && !chosen[..picked].Contains(n))
                {
                    best = n;
                    bestFree = free;
                    if (free == cards)
                    {
                        break;
                    }
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
    }
}
