using Suanwang.Core.Audit;

namespace Suanwang.Storage.Audit;

/// <summary>An entry to append to the transparency log.</summary>
/// <param name="Kind">What it records (see <see cref="AuditKinds"/>).</param>
/// <param name="Tenant">The tenant whose entry it is, who may read its bytes; null for none.</param>
/// <param name="Bytes">The exact leaf bytes: the leaf hash is SHA-256(0x00 || bytes).</param>
public sealed record NewAuditEntry(string Kind, string? Tenant, byte[] Bytes)
{
    /// <summary>Refuses an entry the log cannot hold.</summary>
    /// <exception cref="ArgumentException">An empty or too long kind, or no bytes, or more than <see cref="AuditLeaf.MaxBytes"/>.</exception>
    public void Check()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Kind, nameof(Kind));
        ArgumentNullException.ThrowIfNull(Bytes, nameof(Bytes));
        if (Kind.Length > AuditKinds.MaxKindLength || Bytes.Length == 0 || Bytes.Length > AuditLeaf.MaxBytes)
        {
            throw new ArgumentException($"an entry has a kind of at most {AuditKinds.MaxKindLength} characters and 1 to {AuditLeaf.MaxBytes} bytes", nameof(Bytes));
        }
    }
}
