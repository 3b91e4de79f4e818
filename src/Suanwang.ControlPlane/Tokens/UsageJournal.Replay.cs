using System.Globalization;
using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Tokens;

public sealed partial class UsageJournal
{
    // Reads every segment a previous process left, in order. Each record id counts once, as its
    // last record: a stream's final record supersedes its progress; a stream with progress only
    // was cut by the end of that process and is billed for what it had delivered.
    private static (List<JournalSegment> Segments, List<JournalEntry> Entries) Replay(string folder)
    {
        var numbers = new List<long>();
        foreach (var path in Directory.EnumerateFiles(folder, SegmentPrefix + "*" + SegmentSuffix))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(SegmentPrefix.Length, name.Length - SegmentPrefix.Length - SegmentSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }

        numbers.Sort();
        var segments = new List<JournalSegment>(numbers.Count);
        var last = new Dictionary<string, (TokenUsageRecord Record, JournalKind Kind, JournalSegment Segment)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var number in numbers)
        {
            var segment = new JournalSegment(number, SegmentPath(folder, number)) { Closed = true };
            segments.Add(segment);
            ReadOnlySpan<byte> bytes = File.ReadAllBytes(segment.Path);
            while (UsageJournalCodec.TryDecode(bytes, out var record, out var kind, out var consumed))
            {
                bytes = bytes[consumed..];
                if (!last.ContainsKey(record.RecordId!))
                {
                    order.Add(record.RecordId!);
                }

                last[record.RecordId!] = (record, kind, segment);
            }
        }

        var entries = new List<JournalEntry>(order.Count);
        foreach (var id in order)
        {
            var (record, kind, segment) = last[id];
            segment.Outstanding++;
            entries.Add(new JournalEntry(kind == JournalKind.Progress ? record with { Outcome = "cut" } : record, segment));
        }

        return (segments, entries);
    }
}
