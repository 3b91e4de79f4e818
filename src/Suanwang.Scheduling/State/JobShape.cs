namespace Suanwang.Scheduling.State;

/// <summary>How a job lays out on one pool: a gang of <paramref name="Nodes"/> nodes with <paramref name="CardsPerNode"/> cards each.</summary>
public readonly record struct JobShape(int CardsPerNode, int Nodes)
{
    /// <summary>All cards of the gang.</summary>
    public int Cards => CardsPerNode * Nodes;
}
