namespace Suanwang.ControlPlane.Audit;

/// <summary>
/// Appends entries to the transparency log. Appends are group-committed with the store's other
/// writes; an entry is durable when its task completes, and gets its index in the Merkle tree,
/// in commit order, at the next integration (at most <see cref="AuditOptions.IntegrationInterval"/> later).
/// </summary>
public interface IAuditLog
{
    /// <summary>
    /// Appends an entry: its kind (a short name such as "decision"), the tenant it concerns (who
    /// may read its bytes; null for none) and its exact bytes, which must hold ids, never personal
    /// data. Returns the entry's ticket once it is durable.
    /// </summary>
    /// <exception cref="ArgumentException">An empty or too long kind, no bytes, or more than <see cref="Core.Audit.AuditLeaf.MaxBytes"/>.</exception>
    Task<AuditTicket> AppendAsync(string kind, string? tenant, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>The index the ticket's entry got in the tree; null while it waits for the next integration.</summary>
    Task<long?> IndexOfAsync(AuditTicket ticket, CancellationToken cancellationToken);
}
