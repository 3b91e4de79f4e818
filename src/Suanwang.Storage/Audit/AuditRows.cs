using Suanwang.Core.Audit;

namespace Suanwang.Storage.Audit;

/// <summary>How both dialects key the stored subtrees and check what they read.</summary>
internal static class AuditRows
{
    /// <summary>Most entries <see cref="IAuditStore.IntegrateAuditAsync"/> takes at once.</summary>
    public const int MaxIntegration = 65_536;

    /// <summary>A subtree's key: the level in the top 8 bits, the index in the other 56.</summary>
    public static long Key(TreeNode node) => ((long)node.Level << 56) | node.Index;

    /// <summary>Refuses an entry the log cannot hold.</summary>
    /// <exception cref="ArgumentException">See <see cref="NewAuditEntry.Check"/>.</exception>
    public static void Check(NewAuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Check();
    }

    /// <summary>The stored tree's right edge, checked against the stored checkpoint.</summary>
    /// <exception cref="InvalidOperationException">The stored subtrees do not give the checkpoint's root.</exception>
    public static MerkleFrontier Resume(AuditHead? head, IReadOnlyList<byte[]> edge)
    {
        if (head is null)
        {
            return new MerkleFrontier();
        }

        var frontier = MerkleFrontier.Resume(head.Size, edge);
        if (!frontier.Root().AsSpan().SequenceEqual(head.Root))
        {
            throw new InvalidOperationException($"the stored audit tree of {head.Size} entries does not give the root of the stored checkpoint; the log is damaged");
        }

        return frontier;
    }
}
