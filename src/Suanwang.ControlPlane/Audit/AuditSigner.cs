using System.Text;
using NSec.Cryptography;
using Suanwang.Core.Audit;

namespace Suanwang.ControlPlane.Audit;

/// <summary>Signs checkpoints as C2SP signed notes with the log's Ed25519 key, and checks notes against a verifier key.</summary>
public sealed class AuditSigner : IDisposable
{
    private static readonly SignatureAlgorithm s_ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key _key;
    private readonly byte[] _publicKey;
    private readonly uint _keyId;

    /// <summary>A signer named <paramref name="name"/> over an Ed25519 private key (32 raw bytes).</summary>
    public AuditSigner(string name, ReadOnlySpan<byte> privateKey)
    {
        Name = name;
        _key = Key.Import(s_ed25519, privateKey, KeyBlobFormat.RawPrivateKey);
        _publicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        _keyId = SignedNote.KeyId(name, _publicKey);
        VerifierKey = SignedNote.VerifierKey(name, _publicKey);
    }

    /// <summary>The key's name: the log's origin.</summary>
    public string Name { get; }

    /// <summary>The public key in the note verifier-key format: <c>name+keyid+base64(0x01 || key)</c>.</summary>
    public string VerifierKey { get; }

    /// <summary>A new random Ed25519 private key as 32 raw bytes.</summary>
    public static byte[] NewPrivateKey()
    {
        using var key = Key.Create(s_ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return key.Export(KeyBlobFormat.RawPrivateKey);
    }

    /// <summary>The signed note of the checkpoint of <paramref name="size"/> entries with <paramref name="root"/>.</summary>
    public string Sign(long size, byte[] root)
    {
        var text = new Checkpoint(Name, size, root).Text();
        var signature = s_ed25519.Sign(_key, Encoding.UTF8.GetBytes(text));
        return new SignedNote(text, [new NoteSignature(Name, _keyId, signature)]).Format();
    }

    /// <summary>
    /// The checkpoint of a signed note when a signature of the note verifies with
    /// <paramref name="verifierKey"/> and the origin is the key's name; null with the reason otherwise.
    /// </summary>
    public static Checkpoint? Open(string note, string verifierKey, out string? error)
    {
        var key = SignedNote.TryParseVerifierKey(verifierKey, out error);
        var signed = key is null ? null : SignedNote.TryParse(note, out error);
        if (key is not { } k || signed is null)
        {
            return null;
        }

        var id = SignedNote.KeyId(k.Name, k.PublicKey);
        var publicKey = PublicKey.Import(s_ed25519, k.PublicKey, KeyBlobFormat.RawPublicKey);
        var verified = signed.Signatures.Any(s => s.Name == k.Name && s.KeyId == id && s_ed25519.Verify(publicKey, Encoding.UTF8.GetBytes(signed.Text), s.Signature));
        if (!verified)
        {
            error = $"no signature of the note verifies with key {k.Name}";
            return null;
        }

        var checkpoint = Checkpoint.TryParse(signed.Text, out error);
        if (checkpoint is not null && checkpoint.Origin != k.Name)
        {
            error = $"the checkpoint's origin '{checkpoint.Origin}' is not the key's name '{k.Name}'";
            return null;
        }

        return checkpoint;
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
