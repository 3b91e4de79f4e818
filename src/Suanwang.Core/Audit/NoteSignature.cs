namespace Suanwang.Core.Audit;

/// <summary>One signature line of a signed note: <c>— name base64(keyid || signature)</c>.</summary>
/// <param name="Name">The key's name.</param>
/// <param name="KeyId">The key's id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian.</param>
/// <param name="Signature">The Ed25519 signature over the note's text.</param>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature);
