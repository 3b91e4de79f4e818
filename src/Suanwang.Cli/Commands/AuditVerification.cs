using System.Globalization;
using Suanwang.Cli.Client;
using Suanwang.ControlPlane.Audit;
using Suanwang.Core.Audit;

namespace Suanwang.Cli.Commands;

/// <summary>
/// What <c>suanwang audit verify</c> checks, trusting nothing the server computes: the checkpoint's
/// signature (with the published key, or a pinned one); without a saved checkpoint, the root
/// recomputed from every entry's leaf hash; with one, its signature, that the log did not shrink,
/// the consistency proof from it to the current checkpoint, and an inclusion proof for every entry
/// added since.
/// </summary>
internal static class AuditVerification
{
    // Most entries the server gives in one request.
    private const int EntriesPerRequest = 1_000;

    /// <summary>The outcome: whether everything verified, and what was found, one line each.</summary>
    public sealed record Result(bool Verified, IReadOnlyList<string> Lines, string? Note);

    /// <summary>Runs the checks against the server behind <paramref name="client"/>.</summary>
    public static async Task<Result> RunAsync(SuanwangClient client, string? pinnedKey, string? savedNote, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var key = pinnedKey ?? await client.GetAuditKeyAsync(cancellationToken).ConfigureAwait(false);
        var note = await client.GetAuditCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (AuditSigner.Open(note, key, out var error) is not { } checkpoint)
        {
            return Failed(lines, $"the server's checkpoint does not verify: {error}");
        }

        lines.Add(Invariant($"checkpoint of {checkpoint.Size} entries signed by {key.Split('+')[0]}"));
        Checkpoint? saved = null;
        if (savedNote is not null)
        {
            saved = AuditSigner.Open(savedNote, key, out error);
            if (saved is null)
            {
                return Failed(lines, $"the saved checkpoint does not verify with the key: {error}");
            }

            if (saved.Size > checkpoint.Size)
            {
                return Failed(lines, Invariant($"the log shrank from the saved {saved.Size} entries to {checkpoint.Size}"));
            }

            var proof = saved.Size == 0 ? [] : await client.GetConsistencyProofAsync(saved.Size, checkpoint.Size, cancellationToken).ConfigureAwait(false);
            var consistent = saved.Size == 0
                ? saved.RootHash.AsSpan().SequenceEqual(MerkleHash.EmptyRoot())
                : MerkleProofs.VerifyConsistency(saved.Size, checkpoint.Size, proof, saved.RootHash, checkpoint.RootHash);
            if (!consistent)
            {
                return Failed(lines, Invariant($"the log of {checkpoint.Size} entries is not an extension of the saved one of {saved.Size}: history was rewritten"));
            }

            lines.Add(Invariant($"consistent with the saved checkpoint of {saved.Size} entries"));
        }

        var frontier = new MerkleFrontier();
        var from = saved?.Size ?? 0;
        for (var index = from; index < checkpoint.Size;)
        {
            // Entries come a thousand to a request.
            var batch = await client.GetAuditEntriesAsync(index, (int)Math.Min(EntriesPerRequest, checkpoint.Size - index), cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return Failed(lines, Invariant($"the server gave no entry {index} of its checkpoint of {checkpoint.Size}"));
            }

            foreach (var (at, leafHash, _) in batch)
            {
                if (at != index || index >= checkpoint.Size)
                {
                    return Failed(lines, Invariant($"the server gave entry {at} where entry {index} was expected"));
                }

                if (saved is null)
                {
                    frontier.Append(leafHash);
                }
                else
                {
                    var proof = await client.GetInclusionProofAsync(index, checkpoint.Size, cancellationToken).ConfigureAwait(false);
                    if (!MerkleProofs.VerifyInclusion(leafHash, index, checkpoint.Size, proof, checkpoint.RootHash))
                    {
                        return Failed(lines, Invariant($"entry {index} is not in the signed tree: it was changed"));
                    }
                }

                index++;
            }
        }

        if (saved is null && !frontier.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            return Failed(lines, Invariant($"the root recomputed from the {checkpoint.Size} entries is not the signed root: an entry was changed"));
        }

        lines.Add(saved is null
            ? Invariant($"root recomputed from all {checkpoint.Size} entries matches")
            : Invariant($"{checkpoint.Size - from} entries added since are in the signed tree"));
        return new Result(true, lines, note);
    }

    private static Result Failed(List<string> lines, string reason)
    {
        lines.Add(reason);
        return new Result(false, lines, null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
