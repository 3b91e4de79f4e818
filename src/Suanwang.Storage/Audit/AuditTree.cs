using Suanwang.Core.Audit;

namespace Suanwang.Storage.Audit;

/// <summary>
/// How the stores keep the Merkle tree: the hashes of the perfect subtrees at every
/// <see cref="Stride"/>-th level above the leaves (4, 8, 12, ...), as Go's tlog keeps tiles; a
/// leaf's hash comes from its entry's bytes. Any other subtree is hashed up from the
/// 2^(level mod stride) stored nodes under it (at most 8), so a proof reads one short run of
/// neighbouring rows per stored level, O(log n) rows in a few range reads, and an integration
/// writes one node row per 16 entries rather than two.
/// </summary>
internal static class AuditTree
{
    /// <summary>Levels between stored levels.</summary>
    public const int Stride = 4;

    // Runs of one level closer than this are read as one (a few extra rows cost less than a statement).
    private const long MergeGap = 1L << Stride;

    /// <summary>Whether an integration stores the subtrees of <paramref name="level"/> as node rows.</summary>
    public static bool StoresNodesOf(int level) => level > 0 && level % Stride == 0;

    /// <summary>The stored hashes <paramref name="node"/>'s hash is computed from.</summary>
    public static HashRun Source(TreeNode node)
    {
        var stored = node.Level / Stride * Stride;
        var below = node.Level - stored;
        return new HashRun(stored, node.Index << below, 1L << below);
    }

    /// <summary>The runs to read for <paramref name="nodes"/>: sorted by level and index, neighbours merged.</summary>
    public static List<HashRun> Runs(IReadOnlyList<TreeNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var sources = new HashRun[nodes.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = Source(nodes[i]);
        }

        Array.Sort(sources, static (a, b) => a.Level != b.Level ? a.Level.CompareTo(b.Level) : a.First.CompareTo(b.First));
        var runs = new List<HashRun>();
        foreach (var source in sources)
        {
            if (runs.Count > 0 && runs[^1].Level == source.Level && source.First <= runs[^1].End + MergeGap)
            {
                var last = runs[^1];
                runs[^1] = last with { Count = Math.Max(last.End, source.End) - last.First };
            }
            else
            {
                runs.Add(source);
            }
        }

        return runs;
    }

    /// <summary>
    /// The hashes of <paramref name="nodes"/>, in their order, from the hashes each of
    /// <paramref name="runs"/> read (one array per run, every node of the run).
    /// </summary>
    public static List<byte[]> Hashes(IReadOnlyList<TreeNode> nodes, List<HashRun> runs, IReadOnlyList<byte[][]> read)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var hashes = new List<byte[]>(nodes.Count);
        foreach (var node in nodes)
        {
            var source = Source(node);
            var run = 0;
            while (runs[run].Level != source.Level || source.First < runs[run].First || source.End > runs[run].End)
            {
                run++;
            }

            hashes.Add(Perfect(read[run].AsSpan((int)(source.First - runs[run].First), (int)source.Count)));
        }

        return hashes;
    }

    /// <summary>Refuses a run read short: a subtree asked for is not complete (or not stored).</summary>
    /// <exception cref="InvalidOperationException">Fewer hashes than the run holds.</exception>
    public static void CheckComplete(HashRun run, int found)
    {
        if (found != run.Count)
        {
            throw new InvalidOperationException($"audit subtrees {run.First} to {run.End - 1} of level {run.Level} are not all stored (found {found}); the subtree asked for is not complete");
        }
    }

    // The root of the perfect tree over 2^k hashes.
    private static byte[] Perfect(Span<byte[]> level)
    {
        if (level.Length == 1)
        {
            return level[0];
        }

        var next = new byte[level.Length / 2][];
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = MerkleHash.Node(level[2 * i], level[(2 * i) + 1]);
        }

        return Perfect(next);
    }
}
