using Suanwang.Storage.Audit;

namespace Suanwang.ControlPlane.Audit;

/// <summary>
/// The transparency log: appends entries, integrates them into the Merkle tree and signs a
/// checkpoint of each new size, reads entries, and proves inclusion and consistency from the
/// stored subtrees (O(log n) reads, whatever the log's size). Checkpoints only grow, and each
/// is consistent with the one before: integration only appends to the stored tree, and refuses
/// to go on when the stored tree does not give the stored checkpoint's root.
/// </summary>
public sealed partial class AuditLog : IAuditLog, IDisposable
{
    private readonly IAuditStore _store;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _signerLock = new(1, 1);
    private AuditSigner? _signer;
    private AuditHead? _lastHead;

    /// <summary>A log over <paramref name="store"/>; appends start being batched at once.</summary>
    public AuditLog(IAuditStore store, AuditOptions options, TimeProvider time)
    {
        _store = store;
        _options = options;
        _time = time;
        _appendLoop = Task.Run(AppendLoopAsync);
    }

    /// <inheritdoc />
    public Task<long?> IndexOfAsync(AuditTicket ticket, CancellationToken cancellationToken) => _store.GetAuditIndexAsync(ticket.Value, cancellationToken);

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
                var key = _options.KeyFile is { } file
                    ? AuditKeyFile.Read(file) ?? AuditKeyFile.Create(file, await _store.GetAuditKeyAsync(cancellationToken).ConfigureAwait(false) ?? AuditSigner.NewPrivateKey())
                    // Every process sharing the store offers a key; the first one stored is the log's.
                    : await _store.GetOrAddAuditKeyAsync(AuditSigner.NewPrivateKey(), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _signer, new AuditSigner(_options.Origin, key));
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
        var (head, added) = await _store.IntegrateAuditAsync(_options.MaxIntegration, signer.Sign, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Remember(head);
        return added;
    }

    /// <summary>The latest signed checkpoint; the first one is made when there is none yet.</summary>
    public async Task<AuditHead> HeadAsync(CancellationToken cancellationToken)
    {
        if (await _store.GetAuditHeadAsync(cancellationToken).ConfigureAwait(false) is { } head)
        {
            return Remember(head);
        }

        var signer = await SignerAsync(cancellationToken).ConfigureAwait(false);
        return Remember((await _store.IntegrateAuditAsync(_options.MaxIntegration, signer.Sign, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false)).Head);
    }

    // Keeps the largest head seen (another process may have signed a larger one meanwhile).
    private AuditHead Remember(AuditHead head)
    {
        AuditHead? known;
        do
        {
            known = Volatile.Read(ref _lastHead);
            if (known is not null && known.Size >= head.Size)
            {
                return head;
            }
        }
        while (!ReferenceEquals(Interlocked.CompareExchange(ref _lastHead, head, known), known));

        return head;
    }

    /// <summary>The entry at <paramref name="index"/>; null when the latest checkpoint does not reach it.</summary>
    public Task<AuditEntryRecord?> EntryAsync(long index, CancellationToken cancellationToken) =>
        index < 0 ? Task.FromResult<AuditEntryRecord?>(null) : _store.GetAuditEntryAsync(index, cancellationToken);

    /// <summary>Up to <paramref name="count"/> entries from <paramref name="from"/> (at most <see cref="IAuditStore.MaxEntriesRead"/>), in index order.</summary>
    public Task<IReadOnlyList<AuditEntryRecord>> EntriesAsync(long from, int count, CancellationToken cancellationToken) =>
        from < 0 || count < 1 ? Task.FromResult<IReadOnlyList<AuditEntryRecord>>([]) : _store.GetAuditEntriesAsync(from, count, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _signer?.Dispose();
        _signerLock.Dispose();
    }
}
