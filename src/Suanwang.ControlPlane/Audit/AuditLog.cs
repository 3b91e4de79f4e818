using Suanwang.Storage.Audit;

namespace Suanwang.ControlPlane.Audit;

/// <summary>
/// The transparency log: appends entries, integrates them into the Merkle tree and signs a
/// checkpoint of each new size, reads entries, and proves inclusion and consistency from the
/// stored subtrees (O(log n) reads, whatever the log's size). Checkpoints only grow, and each
/// is consistent with the one before: integration only appends to the stored tree, and refuses
/// to go on when the stored tree does not give the stored checkpoint's root.
/// </summary>
public sealed partial class AuditLog(IAuditStore store, AuditOptions options, TimeProvider time) : IAuditLog, IDisposable
{
    private readonly SemaphoreSlim _signerLock = new(1, 1);
    private AuditSigner? _signer;

    /// <inheritdoc />
    public async Task<AuditTicket> AppendAsync(string kind, string? tenant, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        new(await store.AppendAuditAsync(new NewAuditEntry(kind, tenant, bytes.ToArray()), cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<long?> IndexOfAsync(AuditTicket ticket, CancellationToken cancellationToken) => store.GetAuditIndexAsync(ticket.Value, cancellationToken);

    /// <summary>The signer, its key read from the store or created there at first use.</summary>
    public async Task<AuditSigner> SignerAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _signer) is { } ready)
        {
            return ready;
        }

        await _signerLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_signer is null)
            {
                // Every process sharing the store offers a key; the first one stored is the log's.
                var key = await store.GetOrAddAuditKeyAsync(AuditSigner.NewPrivateKey(), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _signer, new AuditSigner(options.Origin, key));
            }

            return _signer!;
        }
        finally
        {
            _signerLock.Release();
        }
    }

    /// <summary>Integrates entries waiting for an index (up to <see cref="AuditOptions.MaxIntegration"/>) and signs the new checkpoint; returns how many it took.</summary>
    public async Task<int> IntegrateAsync(CancellationToken cancellationToken)
    {
        var signer = await SignerAsync(cancellationToken).ConfigureAwait(false);
        var (_, added) = await store.IntegrateAuditAsync(options.MaxIntegration, signer.Sign, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <summary>The latest signed checkpoint; the first one is made when there is none yet.</summary>
    public async Task<AuditHead> HeadAsync(CancellationToken cancellationToken)
    {
        if (await store.GetAuditHeadAsync(cancellationToken).ConfigureAwait(false) is { } head)
        {
            return head;
        }

        var signer = await SignerAsync(cancellationToken).ConfigureAwait(false);
        return (await store.IntegrateAuditAsync(options.MaxIntegration, signer.Sign, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)).Head;
    }

    /// <summary>The entry at <paramref name="index"/>; null when the latest checkpoint does not reach it.</summary>
    public Task<AuditEntryRecord?> EntryAsync(long index, CancellationToken cancellationToken) =>
        index < 0 ? Task.FromResult<AuditEntryRecord?>(null) : store.GetAuditEntryAsync(index, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _signer?.Dispose();
        _signerLock.Dispose();
    }
}
