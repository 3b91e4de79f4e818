namespace Suanwang.Scheduling.State;

/// <summary>How a job lays out on one pool: a gang of <paramref name="Nodes"/> nodes with <paramref name="CardsPerNode"/> cards each.</summary>
public readonly record struct JobShape(int CardsPerNode, int Nodes)
{
    /// <summary>All cards of the gang.</summary>
    public int Cards => CardsPerNode * Nodes;

    /// <summary>Whether <paramref name="nodeFree"/>, a pool's free cards per node, has <see cref="Nodes"/> nodes with <see cref="CardsPerNode"/> free.</summary>
    public bool FitsIn(ReadOnlySpan<int> nodeFree)
    {
        if (Nodes <= 0)
        {
            return true;
        }

        var ready = 0;
        foreach (var free in nodeFree)
        {
            if (free >= CardsPerNode && ++ready >= Nodes)
            {
                return true;
            }
        }

        return false;
    }
}
