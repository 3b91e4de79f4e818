namespace Suanwang.Protocol.Audit;

/// <summary>An entry of the log in a range: its index, leaf hash, and its bytes when the caller may read them.</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="LeafHash">SHA-256(0x00 || bytes), base64.</param>
/// <param name="Bytes">The exact leaf bytes, base64, for the entry's tenant and admins; null for everyone else.</param>
public sealed record AuditEntryView(long Index, string LeafHash, string? Bytes);
