namespace Suanwang.Protocol.Audit;

/// <summary>An entry of the log whose bytes the caller may not read: its index and leaf hash.</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="LeafHash">SHA-256(0x00 || bytes), base64.</param>
public sealed record AuditEntryHashView(long Index, string LeafHash);
