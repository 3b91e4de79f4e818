using System.Text;
using Suanwang.Core.Audit;

namespace Suanwang.Core.Tests.Audit;

// Vectors from RFC 6962's reference implementation (Certificate Transparency's merkle_tree_test.cc,
// also in transparency-dev/merkle's testdata): the eight leaves and the roots of their prefixes.
public sealed class MerkleTests
{
    private static readonly byte[][] s_leaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] s_roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void EmptyRoot_IsSha256OfNothing()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(MerkleHash.EmptyRoot()));
        Assert.Equal(Hex(MerkleHash.EmptyRoot()), Hex(new MerkleFrontier().Root()));
    }

    [Fact]
    public void Frontier_RootOfEachPrefix_MatchesTheRfcVectors()
    {
        var frontier = new MerkleFrontier();
        for (var i = 0; i < s_leaves.Length; i++)
        {
            frontier.Append(MerkleHash.Leaf(s_leaves[i]));
            Assert.Equal(s_roots[i], Hex(frontier.Root()));
        }
    }

    [Theory]
    [InlineData(0, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(5, 8, "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 3, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(1, 5, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void InclusionProof_MatchesTheRfcVectors(int index, int size, string expected)
    {
        var proof = Prove(MerkleProofs.InclusionPath(index, size));
        Assert.Equal(expected, string.Join(',', proof.Select(Hex)));
        Assert.True(MerkleProofs.VerifyInclusion(MerkleHash.Leaf(s_leaves[index]), index, size, proof, Convert.FromHexString(s_roots[size - 1])));
    }

    [Theory]
    [InlineData(1, 1, "")]
    [InlineData(1, 8, "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7,5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")]
    [InlineData(6, 8, "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a,ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0,d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(2, 5, "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e,bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")]
    public void ConsistencyProof_MatchesTheRfcVectors(int from, int to, string expected)
    {
        var proof = Prove(MerkleProofs.ConsistencyPath(from, to));
        Assert.Equal(expected, string.Join(',', proof.Select(Hex)));
        Assert.True(MerkleProofs.VerifyConsistency(from, to, proof, Convert.FromHexString(s_roots[from - 1]), Convert.FromHexString(s_roots[to - 1])));
    }

    [Fact]
    public void EveryProof_UpTo64Leaves_MatchesANaiveTreeAndVerifies()
    {
        const int Max = 64;
        var leaves = Enumerable.Range(0, Max).Select(i => MerkleHash.Leaf(Encoding.UTF8.GetBytes($"entry {i}"))).ToArray();
        for (var size = 1; size <= Max; size++)
        {
            var root = NaiveRoot(leaves, 0, size);
            for (var index = 0; index < size; index++)
            {
                var proof = Prove(MerkleProofs.InclusionPath(index, size), leaves);
                Assert.Equal(NaiveInclusion(leaves, index, 0, size).Select(Hex), proof.Select(Hex));
                Assert.True(MerkleProofs.VerifyInclusion(leaves[index], index, size, proof, root));
                if (size > 1)
                {
                    Assert.False(MerkleProofs.VerifyInclusion(leaves[(index + 1) % size], index, size, proof, root));
                }
            }

            for (var from = 1; from <= size; from++)
            {
                var proof = Prove(MerkleProofs.ConsistencyPath(from, size), leaves);
                Assert.Equal(NaiveConsistency(leaves, from, 0, size, true).Select(Hex), proof.Select(Hex));
                Assert.True(MerkleProofs.VerifyConsistency(from, size, proof, NaiveRoot(leaves, 0, from), root));
            }
        }
    }

    [Fact]
    public void Verify_RefusesATamperedProofLeafOrRoot()
    {
        var leaves = Enumerable.Range(0, 13).Select(i => MerkleHash.Leaf([(byte)i])).ToArray();
        var root = NaiveRoot(leaves, 0, 13);
        var proof = Prove(MerkleProofs.InclusionPath(6, 13), leaves);
        Assert.True(MerkleProofs.VerifyInclusion(leaves[6], 6, 13, proof, root));
        Assert.False(MerkleProofs.VerifyInclusion(MerkleHash.Leaf([99]), 6, 13, proof, root));
        Assert.False(MerkleProofs.VerifyInclusion(leaves[6], 6, 7, proof, root));
        Assert.False(MerkleProofs.VerifyInclusion(leaves[6], 6, 13, proof[..^1], root));
        proof[1] = MerkleHash.Leaf([7]);
        Assert.False(MerkleProofs.VerifyInclusion(leaves[6], 6, 13, proof, root));

        var consistency = Prove(MerkleProofs.ConsistencyPath(5, 13), leaves);
        var oldRoot = NaiveRoot(leaves, 0, 5);
        Assert.True(MerkleProofs.VerifyConsistency(5, 13, consistency, oldRoot, root));
        var rewritten = (byte[][])leaves.Clone();
        rewritten[2] = MerkleHash.Leaf([42]);
        Assert.False(MerkleProofs.VerifyConsistency(5, 13, Prove(MerkleProofs.ConsistencyPath(5, 13), rewritten), oldRoot, NaiveRoot(rewritten, 0, 13)));
        Assert.False(MerkleProofs.VerifyConsistency(5, 13, [], oldRoot, root));
    }

    [Fact]
    public void Frontier_Resumed_FromItsEdgeSubtrees_GoesOnAsTheOriginal()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleHash.Leaf([(byte)i])).ToArray();
        var stored = new Dictionary<TreeNode, byte[]>();
        var whole = new MerkleFrontier();
        var completed = new List<(TreeNode Node, byte[] Hash)>();
        for (var i = 0; i < 23; i++)
        {
            whole.Append(leaves[i], completed);
        }

        foreach (var (node, hash) in completed)
        {
            stored[node] = hash;
        }

        var resumed = MerkleFrontier.Resume(23, new NodeRange(0, 23).Subtrees().Select(n => stored[n]).ToArray());
        for (var i = 23; i < 40; i++)
        {
            whole.Append(leaves[i]);
            resumed.Append(leaves[i]);
            Assert.Equal(Hex(NaiveRoot(leaves, 0, i + 1)), Hex(resumed.Root()));
        }
    }

    [Fact]
    public void Range_Subtrees_AreAlignedLargestFirst()
    {
        Assert.Equal([new TreeNode(3, 0), new TreeNode(1, 4), new TreeNode(0, 10)], new NodeRange(0, 11).Subtrees());
        Assert.Equal([new TreeNode(2, 2), new TreeNode(0, 12)], new NodeRange(8, 13).Subtrees());
    }

    private static byte[][] Prove(List<NodeRange> path) =>
        Prove(path, s_leaves.Select(l => MerkleHash.Leaf(l)).ToArray());

    // Each node of the path from its perfect subtrees, each of those hashed naively from the leaves.
    private static byte[][] Prove(List<NodeRange> path, byte[][] leaves) =>
        path.Select(range => MerkleHash.Fold(range.Subtrees().Select(n => NaiveRoot(leaves, n.Start, n.End)).ToArray())).ToArray();

    private static byte[] NaiveRoot(byte[][] leaves, long start, long end)
    {
        if (end - start == 1)
        {
            return leaves[start];
        }

        var k = 1L;
        while (k * 2 < end - start)
        {
            k *= 2;
        }

        return MerkleHash.Node(NaiveRoot(leaves, start, start + k), NaiveRoot(leaves, start + k, end));
    }

    private static List<byte[]> NaiveInclusion(byte[][] leaves, long index, long start, long end)
    {
        if (end - start == 1)
        {
            return [];
        }

        var k = 1L;
        while (k * 2 < end - start)
        {
            k *= 2;
        }

        if (index < start + k)
        {
            return [.. NaiveInclusion(leaves, index, start, start + k), NaiveRoot(leaves, start + k, end)];
        }

        return [.. NaiveInclusion(leaves, index, start + k, end), NaiveRoot(leaves, start, start + k)];
    }

    private static List<byte[]> NaiveConsistency(byte[][] leaves, long m, long start, long end, bool complete)
    {
        if (m == end - start)
        {
            return complete ? [] : [NaiveRoot(leaves, start, end)];
        }

        var k = 1L;
        while (k * 2 < end - start)
        {
            k *= 2;
        }

        if (m <= k)
        {
            return [.. NaiveConsistency(leaves, m, start, start + k, complete), NaiveRoot(leaves, start + k, end)];
        }

        return [.. NaiveConsistency(leaves, m - k, start + k, end, false), NaiveRoot(leaves, start, start + k)];
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
