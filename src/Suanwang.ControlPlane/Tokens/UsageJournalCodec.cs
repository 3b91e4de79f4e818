using System.Buffers.Binary;
using System.Text;
using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// The usage journal's record format: a 4-byte little-endian payload length, the payload's CRC-32
/// (IEEE), then the payload (version, kind, the record's 16-byte id, its time, seven strings as
/// 2-byte length and UTF-8, its counts, cost and times). A record whose length or checksum does not
/// hold ends what is read of a segment: it is the torn tail of a write the power cut short.
/// </summary>
internal static class UsageJournalCodec
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderBytes = 8;

    /// <summary>Largest payload a record may have (seven strings the gateway bounds, and numbers).</summary>
    public const int MaxPayload = 64 * 1024;

    private const byte Version = 1;
    private static readonly uint[] s_crcTable = CrcTable();

    /// <summary>Bytes the framed record of <paramref name="record"/> takes.</summary>
    public static int Size(TokenUsageRecord record) => HeaderBytes + 2 + 16 + 8 + (7 * 2) + (6 * 8) +
        Encoding.UTF8.GetByteCount(record.Tenant) + Encoding.UTF8.GetByteCount(record.KeyId) + Encoding.UTF8.GetByteCount(record.Model) +
        Encoding.UTF8.GetByteCount(record.Site) + Encoding.UTF8.GetByteCount(record.Owner) + Encoding.UTF8.GetByteCount(record.Outcome) +
        Encoding.UTF8.GetByteCount(record.Currency);

    /// <summary>Writes the framed record into <paramref name="target"/> (at least <see cref="Size"/> bytes); returns the bytes written.</summary>
    public static int Encode(TokenUsageRecord record, JournalKind kind, Span<byte> target)
    {
        var payload = target[HeaderBytes..];
        payload[0] = Version;
        payload[1] = (byte)kind;
        if (!Guid.TryParseExact(record.RecordId, "N", out var id) || !id.TryWriteBytes(payload.Slice(2, 16)))
        {
            throw new ArgumentException("a journaled record needs a RecordId of 32 hex digits", nameof(record));
        }

        var at = 18;
        BinaryPrimitives.WriteInt64LittleEndian(payload[at..], record.At.UtcTicks);
        at += 8;
        foreach (var text in (ReadOnlySpan<string>)[record.Tenant, record.KeyId, record.Model, record.Site, record.Owner, record.Outcome, record.Currency])
        {
            var n = Encoding.UTF8.GetBytes(text, payload[(at + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(payload[at..], checked((ushort)n));
            at += 2 + n;
        }

        foreach (var number in (ReadOnlySpan<long>)[record.PromptTokens, record.CachedTokens, record.CompletionTokens, record.CostNanos])
        {
            BinaryPrimitives.WriteInt64LittleEndian(payload[at..], number);
            at += 8;
        }

        BinaryPrimitives.WriteDoubleLittleEndian(payload[at..], record.TtftMs);
        BinaryPrimitives.WriteDoubleLittleEndian(payload[(at + 8)..], record.DurationMs);
        at += 16;
        BinaryPrimitives.WriteInt32LittleEndian(target, at);
        BinaryPrimitives.WriteUInt32LittleEndian(target[4..], Crc32(payload[..at]));
        return HeaderBytes + at;
    }

    /// <summary>Reads the framed record at the start of <paramref name="source"/>; false when none is whole there (the end, or a torn tail).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out TokenUsageRecord record, out JournalKind kind, out int consumed)
    {
        record = null!;
        kind = JournalKind.Final;
        consumed = 0;
        if (source.Length < HeaderBytes)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(source);
        if (length is < 26 or > MaxPayload || source.Length - HeaderBytes < length)
        {
            return false;
        }

        var payload = source.Slice(HeaderBytes, length);
        if (Crc32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(source[4..]) || payload[0] != Version || payload[1] > (byte)JournalKind.Progress)
        {
            return false;
        }

        try
        {
            kind = (JournalKind)payload[1];
            var id = new Guid(payload.Slice(2, 16));
            var at = 18;
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(payload[at..]);
            at += 8;
            var texts = new string[7];
            for (var i = 0; i < texts.Length; i++)
            {
                var n = BinaryPrimitives.ReadUInt16LittleEndian(payload[at..]);
                texts[i] = Encoding.UTF8.GetString(payload.Slice(at + 2, n));
                at += 2 + n;
            }

            var numbers = new long[4];
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = BinaryPrimitives.ReadInt64LittleEndian(payload[at..]);
                at += 8;
            }

            var ttft = BinaryPrimitives.ReadDoubleLittleEndian(payload[at..]);
            var duration = BinaryPrimitives.ReadDoubleLittleEndian(payload[(at + 8)..]);
            record = new TokenUsageRecord(
                new DateTimeOffset(ticks, TimeSpan.Zero), texts[0], texts[1], texts[2], texts[3], texts[4],
                numbers[0], numbers[1], numbers[2], ttft, duration, texts[5], texts[6], numbers[3])
            {
                RecordId = id.ToString("N"),
            };
            consumed = HeaderBytes + length;
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A checksum that holds over lengths that do not: not a record this code wrote.
            return false;
        }
    }

    /// <summary>CRC-32 (IEEE 802.3, reflected, as zlib computes it).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in bytes)
        {
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] CrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
