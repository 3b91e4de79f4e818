namespace Suanwang.Storage.Audit;

/// <summary>A stored entry of the transparency log.</summary>
/// <param name="Index">Its index in the tree.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Tenant">The tenant whose entry it is; null for none.</param>
/// <param name="Bytes">The exact leaf bytes.</param>
public sealed record AuditEntryRecord(long Index, string Kind, string? Tenant, byte[] Bytes);
