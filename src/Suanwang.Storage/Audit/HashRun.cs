namespace Suanwang.Storage.Audit;

/// <summary>
/// Consecutive stored hashes of one level of the tree: nodes [<paramref name="First"/>,
/// <paramref name="First"/> + <paramref name="Count"/>) of level <paramref name="Level"/>
/// (level 0: the leaves, hashed from the entries' bytes).
/// </summary>
/// <param name="Level">A stored level (a multiple of <see cref="AuditTree.Stride"/>).</param>
/// <param name="First">The first node's index at that level.</param>
/// <param name="Count">How many nodes.</param>
internal readonly record struct HashRun(int Level, long First, long Count)
{
    /// <summary>One past the last node's index.</summary>
    public long End => First + Count;

    /// <summary>The row key of the run's first node (level &gt; 0).</summary>
    public long FirstKey => AuditRows.Key(new(Level, First));

    /// <summary>One past the row key of the run's last node (level &gt; 0).</summary>
    public long EndKey => AuditRows.Key(new(Level, End));
}
