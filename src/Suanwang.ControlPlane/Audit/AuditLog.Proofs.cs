using Suanwang.Core.Audit;
using Suanwang.Storage.Audit;

namespace Suanwang.ControlPlane.Audit;

public sealed partial class AuditLog
{
    /// <summary>The proof that entry <paramref name="index"/> is in the tree of <paramref name="size"/> entries (at most the latest checkpoint's size).</summary>
    public async Task<AuditProof> ProveInclusionAsync(long index, long size, CancellationToken cancellationToken)
    {
        var head = await HeadCoveringAsync(size, cancellationToken).ConfigureAwait(false);
        if (size < 1 || size > head.Size)
        {
            return AuditProof.Refused("size", $"size must be from 1 to the latest checkpoint's size, {head.Size}");
        }

        if (index < 0 || index >= size)
        {
            return AuditProof.Refused("index", $"index must be from 0 to size - 1 ({size - 1})");
        }

        return new AuditProof(await HashesAsync(MerkleProofs.InclusionPath(index, size), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The proof that the tree of <paramref name="from"/> entries is a prefix of the tree of <paramref name="to"/> (at most the latest checkpoint's size).</summary>
    public async Task<AuditProof> ProveConsistencyAsync(long from, long to, CancellationToken cancellationToken)
    {
        var head = await HeadCoveringAsync(to, cancellationToken).ConfigureAwait(false);
        if (to < 1 || to > head.Size)
        {
            return AuditProof.Refused("to", $"to must be from 1 to the latest checkpoint's size, {head.Size}");
        }

        if (from < 1 || from > to)
        {
            return AuditProof.Refused("from", $"from must be from 1 to to ({to})");
        }

        return new AuditProof(await HashesAsync(MerkleProofs.ConsistencyPath(from, to), cancellationToken).ConfigureAwait(false));
    }

    // Checkpoints only grow: a proof up to a size the last head read covers needs no new read.
    private async Task<AuditHead> HeadCoveringAsync(long size, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _lastHead) is { } known && size >= 1 && size <= known.Size)
        {
            return known;
        }

        return await HeadAsync(cancellationToken).ConfigureAwait(false);
    }

    // Every node of the path from its perfect subtrees, all read at once.
    private async Task<List<byte[]>> HashesAsync(List<NodeRange> path, CancellationToken cancellationToken)
    {
        var nodes = new List<TreeNode>(2 * path.Count);
        var parts = new int[path.Count];
        for (var i = 0; i < path.Count; i++)
        {
            var subtrees = path[i].Subtrees();
            parts[i] = subtrees.Count;
            nodes.AddRange(subtrees);
        }

        var hashes = await _store.GetAuditNodesAsync(nodes, cancellationToken).ConfigureAwait(false);
        var proof = new List<byte[]>(path.Count);
        var at = 0;
        foreach (var count in parts)
        {
            if (count == 1)
            {
                proof.Add(hashes[at]);
            }
            else
            {
                var subtrees = new byte[count][];
                for (var i = 0; i < count; i++)
                {
                    subtrees[i] = hashes[at + i];
                }

                proof.Add(MerkleHash.Fold(subtrees));
            }

            at += count;
        }

        return proof;
    }
}
