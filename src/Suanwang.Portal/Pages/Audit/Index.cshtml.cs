using System.Text;
using Microsoft.AspNetCore.Mvc;
using Suanwang.ControlPlane.Audit;
using Suanwang.Core.Audit;
using Suanwang.Storage.Audit;

namespace Suanwang.Portal.Pages.Audit;

/// <summary>
/// The transparency log's browser: the latest signed checkpoint and its entries a page at a time,
/// newest first. As in <c>GET /api/v1/audit/entries/{index}</c>, an entry's contents show to its
/// tenant and admins; everyone else sees its leaf hash only.
/// </summary>
public sealed class IndexModel(AuditLog log) : PortalPage
{
    /// <summary>Entries a page.</summary>
    public const int PageSize = 25;

    /// <summary>The latest signed checkpoint.</summary>
    public AuditHead Head { get; private set; } = null!;

    /// <summary>The page's entries, newest first: the record and whether the session may read its contents.</summary>
    public IReadOnlyList<(AuditEntryRecord Entry, bool Readable)> Entries { get; private set; } = [];

    /// <summary>The page, from 1.</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>Pages of entries.</summary>
    public int Pages => Math.Max(1, (int)Math.Min(int.MaxValue, (Head.Size + PageSize - 1) / PageSize));

    /// <summary>Why the query was refused: the field and the reason.</summary>
    public (string Field, string Message)? Problem { get; private set; }

    /// <summary>Shows the checkpoint and a page of entries; 400 for a bad page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Head = await log.HeadAsync(cancellationToken).ConfigureAwait(false);
        if (PageQuery.Read(Request, out var page) is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        PageNumber = Math.Min(page, Pages);
        var entries = new List<(AuditEntryRecord, bool)>(PageSize);
        var top = Head.Size - 1 - ((long)(PageNumber - 1) * PageSize);
        for (var index = top; index >= 0 && index > top - PageSize; index--)
        {
            if (await log.EntryAsync(index, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                entries.Add((entry, Me.Admin || (entry.Tenant is { } tenant && tenant == Me.Tenant)));
            }
        }

        Entries = entries;
        return Page();
    }

    /// <summary>An entry's leaf hash (RFC 6962), base64.</summary>
    public static string LeafHash(AuditEntryRecord entry) => Convert.ToBase64String(MerkleHash.Leaf(entry.Bytes));

    /// <summary>An entry's bytes as text (they are UTF-8 JSON), shown only to those who may read them.</summary>
    public static string Contents(AuditEntryRecord entry) => Encoding.UTF8.GetString(entry.Bytes);
}
