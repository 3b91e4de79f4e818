namespace Suanwang.Core.Jobs;

/// <summary>What a job needs: a gang of nodes with cards of acceptable models, or an amount of P.</summary>
/// <param name="Accelerators">Acceptable model ids (catalog ids or aliases); empty means any model.</param>
/// <param name="Choice">Whether the list is a preference order or an any-of set.</param>
/// <param name="CardsPerNode">Cards on each node; ignored when <paramref name="Pflops"/> is set.</param>
/// <param name="Nodes">Nodes in the gang, all at one site.</param>
/// <param name="Pflops">When set, the job asks for this many PFLOPS and the card count follows from the model.</param>
/// <param name="MinMemoryGiB">Minimum memory per card.</param>
public sealed record ResourceRequest(
    IReadOnlyList<string> Accelerators,
    AcceleratorChoice Choice,
    int CardsPerNode,
    int Nodes,
    double? Pflops,
    double MinMemoryGiB)
{
    /// <summary>Equal when every field is, the models compared item by item.</summary>
    public bool Equals(ResourceRequest? other) =>
        other is not null
        && Accelerators.SequenceEqual(other.Accelerators)
        && Choice == other.Choice
        && CardsPerNode == other.CardsPerNode
        && Nodes == other.Nodes
        && Nullable.Equals(Pflops, other.Pflops)
        && MinMemoryGiB.Equals(other.MinMemoryGiB);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Accelerators.Count, Choice, CardsPerNode, Nodes, Pflops, MinMemoryGiB);
}
