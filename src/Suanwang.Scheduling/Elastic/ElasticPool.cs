namespace Suanwang.Scheduling.Elastic;

/// <summary>A pool of identical cards the elastic allocator shares out.</summary>
/// <param name="Cards">Cards the allocator may hand out: those free plus those the jobs it is given hold there.</param>
/// <param name="CardsPerNode">Cards on each node.</param>
/// <param name="Nodes">Nodes in the pool.</param>
public readonly record struct ElasticPool(int Cards, int CardsPerNode, int Nodes)
{
    /// <summary>
    /// Whether a gang of <paramref name="cards"/> has an exact shape here: on one node, or spread
    /// evenly over the fewest nodes that hold it (as <c>ClusterState.ShapeOn</c> lays gangs out).
    /// </summary>
    public bool Holds(int cards)
    {
        if (cards < 1 || CardsPerNode < 1)
        {
            return false;
        }

        if (cards <= CardsPerNode)
        {
            return true;
        }

        var nodes = (cards + CardsPerNode - 1) / CardsPerNode;
        return nodes <= Nodes && cards % nodes == 0;
    }
}
