using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Suanwang.ControlPlane.Audit;
using Suanwang.Core.Audit;
using Suanwang.Storage.Audit;

namespace Suanwang.Portal.Pages.Audit;

/// <summary>
/// The inclusion check of one entry against the latest signed checkpoint, made in the server with
/// the Core Merkle code: the entry's leaf hash, the proof's path (each sibling with the leaves it
/// covers), and whether the path leads to the checkpoint's root.
/// </summary>
public sealed class CheckModel(AuditLog log) : PortalPage
{
    /// <summary>Most digits of an entry's index.</summary>
    public const int MaxDigits = 18;

    /// <summary>The latest signed checkpoint.</summary>
    public AuditHead Head { get; private set; } = null!;

    /// <summary>The entry checked.</summary>
    public AuditEntryRecord? Entry { get; private set; }

    /// <summary>The entry's leaf hash.</summary>
    public byte[] Leaf { get; private set; } = [];

    /// <summary>The proof: each node's leaves (from, to exclusive) and hash, the leaf's sibling first.</summary>
    public IReadOnlyList<(NodeRange Range, byte[] Hash)> Path { get; private set; } = [];

    /// <summary>Whether the path from the leaf leads to the checkpoint's root.</summary>
    public bool Verified { get; private set; }

    /// <summary>Why the query was refused: the field and the reason.</summary>
    public (string Field, string Message)? Problem { get; private set; }

    /// <summary>Checks the entry; 400 naming <c>index</c> when it is not a number or past the checkpoint.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Head = await log.HeadAsync(cancellationToken).ConfigureAwait(false);
        var text = Request.Query["index"].ToString().Trim();
        if (text.Length is 0 or > MaxDigits || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Refuse($"the index must be a whole number of at most {MaxDigits} digits");
        }

        if (index >= Head.Size || await log.EntryAsync(index, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return Refuse($"the latest checkpoint holds entries 0 to {Head.Size - 1}");
        }

        var proof = await log.ProveInclusionAsync(index, Head.Size, cancellationToken).ConfigureAwait(false);
        if (proof.Parameter is { } parameter)
        {
            return Refuse(proof.Reason!, parameter);
        }

        Entry = entry;
        Leaf = MerkleHash.Leaf(entry.Bytes);
        Path = MerkleProofs.InclusionPath(index, Head.Size).Zip(proof.Hashes, (range, hash) => (range, hash)).ToList();
        Verified = MerkleProofs.VerifyInclusion(Leaf, index, Head.Size, proof.Hashes, Head.Root);
        return Page();
    }

    private PageResult Refuse(string message, string field = "index")
    {
        Problem = (field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
