namespace Suanwang.Core.Audit;

/// <summary>A perfect subtree: the 2^<paramref name="Level"/> leaves from <paramref name="Index"/> × 2^<paramref name="Level"/>.</summary>
/// <param name="Level">Height above the leaves: 0 is a leaf.</param>
/// <param name="Index">Position among the subtrees of its level, from the left.</param>
public readonly record struct TreeNode(int Level, long Index)
{
    /// <summary>The first leaf the subtree covers.</summary>
    public long Start => Index << Level;

    /// <summary>One past the last leaf it covers.</summary>
    public long End => (Index + 1) << Level;
}
