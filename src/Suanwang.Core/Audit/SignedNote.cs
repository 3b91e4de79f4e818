using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Suanwang.Core.Audit;

/// <summary>
/// A C2SP signed note: the text (ending in a newline), a blank line, and one or more signature
/// lines, each an em dash, a space, the key name, a space and base64(key id || signature).
/// </summary>
/// <param name="Text">The signed text.</param>
/// <param name="Signatures">The signatures, in order.</param>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>The algorithm byte of Ed25519 keys in note key ids and verifier keys.</summary>
    public const byte Ed25519Algorithm = 0x01;

    // Notes larger than this are refused (the Go implementation's bound is 1 MB, ours is smaller).
    private const int MaxNoteBytes = 64 * 1024;

    private const string SignaturePrefix = "\u2014 ";

    /// <summary>The note as sent: text, blank line, signature lines.</summary>
    public string Format()
    {
        var note = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            var blob = new byte[4 + signature.Signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(blob, signature.KeyId);
            signature.Signature.CopyTo(blob, 4);
            note.Append(SignaturePrefix).Append(signature.Name).Append(' ').Append(Convert.ToBase64String(blob)).Append('\n');
        }

        return note.ToString();
    }

    /// <summary>The key id of an Ed25519 key: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || key).</summary>
    public static uint KeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new List<byte>(Encoding.UTF8.GetBytes(name)) { 0x0A, Ed25519Algorithm };
        input.AddRange(publicKey.ToArray());
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input.ToArray()));
    }

    /// <summary>An Ed25519 key in the note verifier-key format: <c>name+hex(key id)+base64(0x01 || key)</c>.</summary>
    public static string VerifierKey(string name, ReadOnlySpan<byte> publicKey)
    {
        var blob = new byte[1 + publicKey.Length];
        blob[0] = Ed25519Algorithm;
        publicKey.CopyTo(blob.AsSpan(1));
        return $"{name}+{KeyId(name, publicKey):x8}+{Convert.ToBase64String(blob)}";
    }

    /// <summary>Reads a verifier key; null with the reason when it is not a well-formed Ed25519 key whose id matches.</summary>
    public static (string Name, byte[] PublicKey)? TryParseVerifierKey(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        // name+hash+key: the name and hash hold no '+', the base64 key may.
        var parts = text.Trim().Split('+', 3);
        byte[] blob;
        try
        {
            blob = parts.Length == 3 ? Convert.FromBase64String(parts[2]) : [];
        }
        catch (FormatException)
        {
            blob = [];
        }

        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length != 8 || blob.Length != 33 || blob[0] != Ed25519Algorithm)
        {
            error = "a verifier key is name+keyid+base64(0x01 || 32-byte Ed25519 key)";
            return null;
        }

        var key = blob[1..];
        if (!string.Equals(parts[1], KeyId(parts[0], key).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            error = "the verifier key's id does not match its name and key";
            return null;
        }

        error = null;
        return (parts[0], key);
    }

    /// <summary>Reads a signed note; null with the reason when it is malformed.</summary>
    public static SignedNote? TryParse(string note, out string? error)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (Encoding.UTF8.GetByteCount(note) > MaxNoteBytes || note.Contains('\r', StringComparison.Ordinal))
        {
            error = "the note is too long or has carriage returns";
            return null;
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !note.EndsWith('\n'))
        {
            error = "a signed note is text, a blank line and signature lines, each ending in a newline";
            return null;
        }

        var text = note[..(split + 1)];
        var signatures = new List<NoteSignature>();
        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            var space = line.StartsWith(SignaturePrefix, StringComparison.Ordinal) ? line.IndexOf(' ', SignaturePrefix.Length) : -1;
            byte[] blob;
            try
            {
                blob = space > 0 ? Convert.FromBase64String(line[(space + 1)..]) : [];
            }
            catch (FormatException)
            {
                blob = [];
            }

            if (blob.Length < 5)
            {
                error = $"'{line}' is not a signature line (— name base64)";
                return null;
            }

            signatures.Add(new NoteSignature(line[SignaturePrefix.Length..space], BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }

        error = null;
        return new SignedNote(text, signatures);
    }
}
