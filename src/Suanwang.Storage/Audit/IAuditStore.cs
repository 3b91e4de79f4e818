using Suanwang.Core.Audit;

namespace Suanwang.Storage.Audit;

/// <summary>
/// The transparency log's durable state: entries with their exact bytes, the hash of every perfect
/// subtree of the Merkle tree over them, the latest signed checkpoint and the signing key.
/// An entry is durable when its append completes (placements and ledger postings append theirs
/// in the transaction that writes them); it gets its index when a later integration takes it into
/// the tree, in the order entries committed, and the tree, the indexes and the new checkpoint are
/// written in one transaction, so a checkpoint never covers an entry that is not stored.
/// </summary>
public interface IAuditStore
{
    /// <summary>Most entries <see cref="GetAuditEntriesAsync"/> reads at once.</summary>
    const int MaxEntriesRead = 1_000;

    /// <summary>Appends an entry (group-committed with other writes); returns its ticket, a number that only grows, once the entry is durable.</summary>
    Task<long> AppendAuditAsync(NewAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Appends entries in one write, in their order; returns their tickets once all are durable.</summary>
    /// <exception cref="ArgumentException">An entry the log cannot hold (see <see cref="NewAuditEntry.Check"/>); nothing is written.</exception>
    Task<IReadOnlyList<long>> AppendAuditBatchAsync(IReadOnlyList<NewAuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>The index the entry of <paramref name="ticket"/> got in the tree; null while not integrated yet (or no such ticket).</summary>
    Task<long?> GetAuditIndexAsync(long ticket, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="maxEntries"/> entries that are not in the tree yet, in commit
    /// order, gives them the next indexes, stores the subtrees they complete and the checkpoint
    /// <paramref name="sign"/> makes of the new size and root (the signed note's text), in one
    /// transaction. Without a stored checkpoint, the first one is made even for an empty tree.
    /// Throws when the stored tree does not give the stored checkpoint's root. Returns the head
    /// after the call and how many entries it took.
    /// </summary>
    Task<(AuditHead Head, int Added)> IntegrateAuditAsync(int maxEntries, Func<long, byte[], string> sign, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The latest checkpoint; null before the first integration.</summary>
    Task<AuditHead?> GetAuditHeadAsync(CancellationToken cancellationToken);

    /// <summary>The entry at <paramref name="index"/> of the tree; null when the tree is not that large.</summary>
    Task<AuditEntryRecord?> GetAuditEntryAsync(long index, CancellationToken cancellationToken);

    /// <summary>The entries from index <paramref name="from"/> of the tree, at most <paramref name="count"/> (at most <see cref="MaxEntriesRead"/>), in index order; fewer past the tree's end.</summary>
    Task<IReadOnlyList<AuditEntryRecord>> GetAuditEntriesAsync(long from, int count, CancellationToken cancellationToken);

    /// <summary>The hashes of stored perfect subtrees, in the order asked, read in one snapshot.</summary>
    /// <exception cref="InvalidOperationException">A subtree is not stored (it is not complete yet).</exception>
    Task<IReadOnlyList<byte[]>> GetAuditNodesAsync(IReadOnlyList<TreeNode> nodes, CancellationToken cancellationToken);

    /// <summary>The log's signing key stored in the store (private key bytes); null when none is.</summary>
    Task<byte[]?> GetAuditKeyAsync(CancellationToken cancellationToken);

    /// <summary>The log's signing key (private key bytes): the stored one, or <paramref name="candidate"/> stored now when there is none yet.</summary>
    Task<byte[]> GetOrAddAuditKeyAsync(byte[] candidate, DateTimeOffset at, CancellationToken cancellationToken);
}
