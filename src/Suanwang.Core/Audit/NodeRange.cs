namespace Suanwang.Core.Audit;

/// <summary>
/// The leaves [<paramref name="Start"/>, <paramref name="End"/>) of a node of the RFC 6962 tree:
/// perfect, or on the right edge of a tree whose size is not a power of two.
/// </summary>
/// <param name="Start">First leaf.</param>
/// <param name="End">One past the last leaf.</param>
public readonly record struct NodeRange(long Start, long End)
{
    /// <summary>
    /// The perfect subtrees that make up the range, left to right, largest first; their hashes
    /// folded by <see cref="MerkleHash.Fold"/> give the range's hash.
    /// </summary>
    public List<TreeNode> Subtrees()
    {
        var nodes = new List<TreeNode>();
        var start = Start;
        while (start < End)
        {
            var level = 0;
            while (level < 62 && (start & ((1L << (level + 1)) - 1)) == 0 && start + (1L << (level + 1)) <= End)
            {
                level++;
            }

            nodes.Add(new TreeNode(level, start >> level));
            start += 1L << level;
        }

        return nodes;
    }
}
