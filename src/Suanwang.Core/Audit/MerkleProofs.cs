using System.Security.Cryptography;

namespace Suanwang.Core.Audit;

/// <summary>
/// Inclusion and consistency proofs of RFC 6962 section 2.1 and their verification (RFC 9162
/// sections 2.1.3.2 and 2.1.4.2): which nodes a proof holds, and whether a proof checks.
/// </summary>
public static class MerkleProofs
{
    /// <summary>The nodes of the inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves, in proof order (the leaf's sibling first).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 0 &lt;= index &lt; size.</exception>
    public static List<NodeRange> InclusionPath(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"a leaf of a tree of {size} leaves is in [0, {size})");
        }

        var path = new List<NodeRange>();
        AddInclusion(path, index, 0, size);
        return path;
    }

    /// <summary>The nodes of the proof that the tree of <paramref name="from"/> leaves is a prefix of that of <paramref name="to"/>, in proof order; empty when the sizes are equal.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1 &lt;= from &lt;= to.</exception>
    public static List<NodeRange> ConsistencyPath(long from, long to)
    {
        if (from < 1 || from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"a consistency proof runs from a size in [1, {to}]");
        }

        var path = new List<NodeRange>();
        if (from < to)
        {
            AddConsistency(path, from, 0, to, complete: true);
        }

        return path;
    }

    /// <summary>Whether <paramref name="proof"/> shows the leaf hash at <paramref name="index"/> in the tree of <paramref name="size"/> leaves whose root is <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0 || p.Length != MerkleHash.Size)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>Whether <paramref name="proof"/> shows the tree of <paramref name="from"/> leaves with root <paramref name="fromRoot"/> to be a prefix of the tree of <paramref name="to"/> leaves with root <paramref name="toRoot"/>.</summary>
    public static bool VerifyConsistency(long from, long to, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> fromRoot, ReadOnlySpan<byte> toRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (from < 1 || from > to)
        {
            return false;
        }

        if (from == to)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(fromRoot, toRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        foreach (var p in proof)
        {
            if (p.Length != MerkleHash.Size)
            {
                return false;
            }
        }

        var path = new List<byte[]>(proof.Count + 1);
        if ((from & (from - 1)) == 0)
        {
            path.Add(fromRoot.ToArray());
        }

        path.AddRange(proof);
        var fn = from - 1;
        var sn = to - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, fromRoot) && CryptographicOperations.FixedTimeEquals(sr, toRoot);
    }

    // PATH(m, D[start:end]) of RFC 6962 section 2.1.1, with m absolute.
    private static void AddInclusion(List<NodeRange> path, long index, long start, long end)
    {
        if (end - start <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(end - start);
        if (index < start + k)
        {
            AddInclusion(path, index, start, start + k);
            path.Add(new NodeRange(start + k, end));
        }
        else
        {
            AddInclusion(path, index, start + k, end);
            path.Add(new NodeRange(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b) of RFC 6962 section 2.1.2, m counted from start.
    private static void AddConsistency(List<NodeRange> path, long m, long start, long end, bool complete)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                path.Add(new NodeRange(start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            AddConsistency(path, m, start, start + k, complete);
            path.Add(new NodeRange(start + k, end));
        }
        else
        {
            AddConsistency(path, m - k, start + k, end, complete: false);
            path.Add(new NodeRange(start, start + k));
        }
    }

    // The largest power of two strictly below n, for n >= 2.
    private static long LargestPowerOfTwoBelow(long n)
    {
        var k = 1L;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
