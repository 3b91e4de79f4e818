using System.Security.Cryptography;

namespace Suanwang.Core.Audit;

/// <summary>The RFC 6962 / RFC 9162 tree hashes over SHA-256.</summary>
public static class MerkleHash
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of no bytes.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>A leaf's hash: SHA-256(0x00 || bytes).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> bytes)
    {
        // Small leaves (most entries) hash from the stack in one call; large ones stream.
        if (bytes.Length < 512)
        {
            Span<byte> input = stackalloc byte[1 + bytes.Length];
            input[0] = 0x00;
            bytes.CopyTo(input[1..]);
            return SHA256.HashData(input);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(bytes);
        return hash.GetHashAndReset();
    }

    /// <summary>An interior node's hash: SHA-256(0x01 || left || right).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        return SHA256.HashData(input);
    }

    /// <summary>
    /// The hash of a range given the hashes of its perfect subtrees left to right (as
    /// <see cref="NodeRange.Subtrees"/> lists them): folded from the right, as RFC 6962's MTH splits.
    /// </summary>
    public static byte[] Fold(IReadOnlyList<byte[]> subtrees)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        if (subtrees.Count == 0)
        {
            return EmptyRoot();
        }

        var hash = subtrees[^1];
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            hash = Node(subtrees[i], hash);
        }

        return hash;
    }
}
