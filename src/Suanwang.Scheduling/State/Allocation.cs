namespace Suanwang.Scheduling.State;

/// <summary>
/// Cards held by one placed job: <see cref="CardsPerNode"/> cards on each listed node of a pool.
/// A one-node job keeps its node inline; only gangs carry an array.
/// </summary>
public readonly record struct Allocation(int Pool, int CardsPerNode, int FirstNode, int[]? MoreNodes)
{
    /// <summary>Nodes in the gang.</summary>
    public int Nodes => 1 + (MoreNodes?.Length ?? 0);

    /// <summary>All cards held.</summary>
    public int Cards => CardsPerNode * Nodes;

    /// <summary>The node at position <paramref name="i"/> of the gang (pool-relative index).</summary>
    public int Node(int i) => i == 0 ? FirstNode : MoreNodes![i - 1];

    /// <summary>Adds the cards held back to <paramref name="nodeFree"/>, the pool's free cards per node (pool-relative).</summary>
    public void ReturnTo(Span<int> nodeFree)
    {
        for (var i = 0; i < Nodes; i++)
        {
            nodeFree[Node(i)] += CardsPerNode;
        }
    }
}
