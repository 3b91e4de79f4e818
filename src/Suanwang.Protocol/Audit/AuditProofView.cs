namespace Suanwang.Protocol.Audit;

/// <summary>A Merkle proof of the transparency log: its hashes in base64, in RFC 6962 order.</summary>
/// <param name="Hashes">The hashes.</param>
public sealed record AuditProofView(IReadOnlyList<string> Hashes);
