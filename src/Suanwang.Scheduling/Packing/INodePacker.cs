namespace Suanwang.Scheduling.Packing;

/// <summary>Chooses nodes of one pool for a gang; called once per placement, not per candidate.</summary>
public interface INodePacker
{
    /// <summary>The packer's name.</summary>
    string Name { get; }

    /// <summary>
    /// Writes into <paramref name="chosen"/> the indices (into <paramref name="nodeFree"/>) of
    /// <paramref name="nodes"/> distinct nodes each with at least <paramref name="cards"/> free;
    /// returns false when there are not enough.
    /// </summary>
    bool Choose(ReadOnlySpan<int> nodeFree, int cardsPerNode, int cards, int nodes, Span<int> chosen);

    /// <summary>Learns from a placed job's cards per node so that later choices leave useful holes.</summary>
    void Observe(int cards);
}
