using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Suanwang.Core.Market;

namespace Suanwang.Core.Audit;

/// <summary>
/// The exact bytes of the log's entries: one line of compact JSON in UTF-8 with its keys in a
/// fixed order, holding ids, times and hashes only (no names, no free text). A leaf the database
/// completes with a value it assigns (a posting's id, a job's tenant) is a <see cref="LeafTemplate"/>:
/// the text before the value and after it, so both dialects write the same bytes.
/// </summary>
public static class AuditLeaf
{
    /// <summary>Most bytes in one entry.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>
    /// A placement: <c>{"kind":"placement","at":...,"job":42,"site":"cn-sh-1","tenant":"acme"}</c>;
    /// the hole is the tenant as a JSON string.
    /// </summary>
    public static LeafTemplate Placement(long jobId, string site, DateTimeOffset at) => new(
        $"{{\"kind\":{Quote(AuditKinds.Placement)},\"at\":{Quote(Time(at))},\"job\":{jobId.ToString(CultureInfo.InvariantCulture)},\"site\":{Quote(site)},\"tenant\":",
        "}");

    /// <summary>
    /// A ledger posting: <c>{"kind":"posting","at":...,"tenant":"acme","sha256":"...","posting":17}</c>,
    /// where sha256 is the hex SHA-256 of <see cref="PostingContent"/>; the hole is the posting's id.
    /// </summary>
    public static LeafTemplate Posting(Posting posting, IReadOnlyList<PostingLine> sortedLines, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(posting);
        var hash = Convert.ToHexStringLower(SHA256.HashData(PostingContent(posting, sortedLines, at)));
        return new LeafTemplate(
            $"{{\"kind\":{Quote(AuditKinds.Posting)},\"at\":{Quote(Time(at))},\"tenant\":{Quote(posting.Tenant)},\"sha256\":{Quote(hash)},\"posting\":",
            "}");
    }

    /// <summary>
    /// A posting's canonical bytes, the input of its hash: compact JSON of kind, tenant, order, memo,
    /// time and the lines sorted by account then currency, amounts in minor units.
    /// </summary>
    public static byte[] PostingContent(Posting posting, IReadOnlyList<PostingLine> sortedLines, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(posting);
        ArgumentNullException.ThrowIfNull(sortedLines);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{{\"kind\":{Quote(posting.Kind)},\"tenant\":{Quote(posting.Tenant)},\"order\":{Quote(posting.OrderId)},\"memo\":{Quote(posting.Memo)},\"at\":{Quote(Time(at))},\"lines\":[");
        for (var i = 0; i < sortedLines.Count; i++)
        {
            var line = sortedLines[i];
            text.Append(i == 0 ? "" : ",");
            text.Append(CultureInfo.InvariantCulture, $"{{\"account\":{Quote(line.Account)},\"currency\":{Quote(line.Currency)},\"amount\":{line.Amount}}}");
        }

        text.Append("]}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A value as a JSON string, or null.</summary>
    public static string Quote(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);

    /// <summary>A time as entries write it: UTC to the microsecond, as the store keeps it.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
