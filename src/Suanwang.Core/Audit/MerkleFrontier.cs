namespace Suanwang.Core.Audit;

/// <summary>
/// The right edge of a growing tree: the hashes of its largest perfect subtrees, enough to append
/// leaves and give the root without the rest of the tree. Appending reports every perfect subtree
/// it completes, so a store can keep them for proofs.
/// </summary>
public sealed class MerkleFrontier
{
    // Hash of the perfect subtree of each level present in the size's binary form, smallest last.
    private readonly List<(int Level, byte[] Hash)> _edge = [];

    /// <summary>An empty tree.</summary>
    public MerkleFrontier()
    {
    }

    /// <summary>Leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>
    /// A tree of <paramref name="size"/> leaves from the hashes of its largest perfect subtrees,
    /// left to right (as <c>new NodeRange(0, size).Subtrees()</c> lists them).
    /// </summary>
    /// <exception cref="ArgumentException">The hashes are not one per subtree.</exception>
    public static MerkleFrontier Resume(long size, IReadOnlyList<byte[]> subtrees)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        var nodes = new NodeRange(0, size).Subtrees();
        if (nodes.Count != subtrees.Count)
        {
            throw new ArgumentException($"a tree of {size} leaves has {nodes.Count} edge subtrees, not {subtrees.Count}", nameof(subtrees));
        }

        var frontier = new MerkleFrontier { Size = size };
        for (var i = 0; i < nodes.Count; i++)
        {
            frontier._edge.Add((nodes[i].Level, subtrees[i]));
        }

        return frontier;
    }

    /// <summary>Appends a leaf by its hash; <paramref name="completed"/> gets the leaf and every subtree it completes, smallest first.</summary>
    public void Append(byte[] leafHash, List<(TreeNode Node, byte[] Hash)>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(leafHash);
        var index = Size;
        var hash = leafHash;
        var level = 0;
        completed?.Add((new TreeNode(0, index), hash));
        while (_edge.Count > 0 && _edge[^1].Level == level)
        {
            hash = MerkleHash.Node(_edge[^1].Hash, hash);
            _edge.RemoveAt(_edge.Count - 1);
            level++;
            completed?.Add((new TreeNode(level, index >> level), hash));
        }

        _edge.Add((level, hash));
        Size++;
    }

    /// <summary>The root hash of the tree as it stands.</summary>
    public byte[] Root()
    {
        var hashes = new List<byte[]>(_edge.Count);
        foreach (var (_, hash) in _edge)
        {
            hashes.Add(hash);
        }

        return MerkleHash.Fold(hashes);
    }
}
