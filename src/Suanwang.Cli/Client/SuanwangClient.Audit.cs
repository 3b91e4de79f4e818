using System.Net.Http.Json;
using Suanwang.Core.Audit;
using Suanwang.Protocol;
using Suanwang.Protocol.Audit;

namespace Suanwang.Cli.Client;

internal sealed partial class SuanwangClient
{
    /// <summary>The log's public key in the note verifier-key format.</summary>
    public async Task<string> GetAuditKeyAsync(CancellationToken cancellationToken) =>
        (await TextAsync("api/v1/audit/key", cancellationToken).ConfigureAwait(false)).Trim();

    /// <summary>The latest signed checkpoint, as served.</summary>
    public Task<string> GetAuditCheckpointAsync(CancellationToken cancellationToken) => TextAsync("api/v1/audit/checkpoint", cancellationToken);

    /// <summary>Up to <paramref name="count"/> entries from <paramref name="from"/> (at most 1,000): each entry's leaf hash, and its bytes when the key may read them.</summary>
    public async Task<IReadOnlyList<(long Index, byte[] LeafHash, byte[]? Bytes)>> GetAuditEntriesAsync(long from, int count, CancellationToken cancellationToken)
    {
        var view = await _api.SendAsync<AuditEntriesView>(HttpMethod.Get, Invariant($"api/v1/audit/entries?from={from}&count={count}"), null, cancellationToken).ConfigureAwait(false);
        var entries = new List<(long, byte[], byte[]?)>(view.Entries.Count);
        foreach (var entry in view.Entries)
        {
            // The leaf hash is recomputed from the bytes when they come: nothing the server computes is trusted.
            var bytes = entry.Bytes is null ? null : Convert.FromBase64String(entry.Bytes);
            entries.Add((entry.Index, bytes is null ? Convert.FromBase64String(entry.LeafHash) : MerkleHash.Leaf(bytes), bytes));
        }

        return entries;
    }

    /// <summary>The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="size"/> entries.</summary>
    public Task<byte[][]> GetInclusionProofAsync(long index, long size, CancellationToken cancellationToken) =>
        ProofAsync(Invariant($"api/v1/audit/proof/inclusion?index={index}&size={size}"), cancellationToken);

    /// <summary>The consistency proof between the trees of <paramref name="from"/> and <paramref name="to"/> entries.</summary>
    public Task<byte[][]> GetConsistencyProofAsync(long from, long to, CancellationToken cancellationToken) =>
        ProofAsync(Invariant($"api/v1/audit/proof/consistency?from={from}&to={to}"), cancellationToken);

    private async Task<byte[][]> ProofAsync(string path, CancellationToken cancellationToken)
    {
        var view = await _api.SendAsync<AuditProofView>(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        return [.. view.Hashes.Select(Convert.FromBase64String)];
    }

    private async Task<string> TextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _api.SendAsync(HttpMethod.Get, path, null, null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
