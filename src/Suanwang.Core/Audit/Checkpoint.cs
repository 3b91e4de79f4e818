using System.Globalization;

namespace Suanwang.Core.Audit;

/// <summary>
/// A tree head in the C2SP tlog-checkpoint format: the origin line, the tree size in decimal and
/// the root hash in base64, each ending in a newline. This text is what a signed note signs.
/// </summary>
/// <param name="Origin">The log's name, a schema-less URL by convention (no spaces, no '+').</param>
/// <param name="Size">Entries in the tree.</param>
/// <param name="RootHash">The RFC 6962 root of those entries.</param>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    /// <summary>The checkpoint as the signed note's text.</summary>
    public string Text() => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";

    /// <summary>Reads a note's text as a checkpoint; null with the reason in <paramref name="error"/> when it is not one.</summary>
    public static Checkpoint? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        // origin, size, hash, then the empty string after the final newline (extension lines allowed).
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0)
        {
            error = "a checkpoint is an origin line, a size line and a root hash line, each ending in a newline";
            return null;
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || (lines[1].Length > 1 && lines[1][0] == '0'))
        {
            error = $"checkpoint size '{lines[1]}' is not a decimal number";
            return null;
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            root = [];
        }

        if (root.Length != MerkleHash.Size)
        {
            error = "checkpoint root hash is not 32 bytes of base64";
            return null;
        }

        error = null;
        return new Checkpoint(lines[0], size, root);
    }
}
