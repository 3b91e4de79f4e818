using System.Globalization;
using System.Text;

namespace Suanwang.Server.Agents;

/// <summary>The per-job cap on stored output: what of a chunk is kept, and the note that ends a capped log.</summary>
internal static class JobLogCap
{
    private const long KiB = 1024;
    private const long MiB = 1024 * KiB;

    /// <summary>
    /// The part of a chunk at <paramref name="offset"/> that lies before <paramref name="cap"/>, cut at a
    /// character boundary (a character the cap cuts is dropped whole); null when nothing of it does.
    /// </summary>
    public static string? Keep(long offset, string text, long cap)
    {
        if (offset >= cap)
        {
            return null;
        }

        var room = cap - offset;
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes <= room)
        {
            return text;
        }

        // Walk forward by whole characters (a surrogate pair is one 4-byte character) while they fit.
        var used = 0L;
        var end = 0;
        while (end < text.Length)
        {
            var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(end, width));
            if (used + size > room)
            {
                break;
            }

            used += size;
            end += width;
        }

        return end == 0 ? null : text[..end];
    }

    /// <summary>
    /// The chunk as every store can keep it: a NUL (which PostgreSQL's text cannot hold) becomes
    /// '?', one byte for one, so the chunk's byte offsets stay those of the job's output.
    /// </summary>
    public static string Storable(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '?') : text;

    /// <summary>The line that ends a log whose job wrote <paramref name="outputBytes"/> bytes, past <paramref name="cap"/>.</summary>
    public static string Note(long outputBytes, long cap) =>
        string.Create(CultureInfo.InvariantCulture, $"\n[suanwang: {outputBytes - cap} bytes of output dropped past the {Size(cap)} cap]\n");

    private static string Size(long bytes) =>
        bytes > 0 && bytes % MiB == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB} MiB")
        : bytes > 0 && bytes % KiB == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / KiB} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
