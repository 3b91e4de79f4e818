namespace Suanwang.Storage.Audit;

/// <summary>An entry to append to the transparency log.</summary>
/// <param name="Kind">What it records (see <see cref="Core.Audit.AuditKinds"/>).</param>
/// <param name="Tenant">The tenant whose entry it is, who may read its bytes; null for none.</param>
/// <param name="Bytes">The exact leaf bytes: the leaf hash is SHA-256(0x00 || bytes).</param>
public sealed record NewAuditEntry(string Kind, string? Tenant, byte[] Bytes);
