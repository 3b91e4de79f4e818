using System.Globalization;
using System.Text.Json;
using Suanwang.Core.Errors;

namespace Suanwang.Simulation.Tokens;

/// <summary>
/// Reads inference traces: the Azure LLM inference trace 2023 (CSV with TIMESTAMP, ContextTokens,
/// GeneratedTokens) and JSON lines with prefix block ids (<c>timestamp</c> in ms, <c>input_length</c>,
/// <c>output_length</c>, <c>hash_ids</c>), the format of Mooncake's traces. Several files merge by arrival.
/// </summary>
public static class TokenTraceReader
{
    private const string AzureHeader = "TIMESTAMP,ContextTokens,GeneratedTokens";

    /// <summary>Reads and merges the traces at <paramref name="paths"/>; a malformed line is an input error naming file, line and field.</summary>
    public static TokenTrace Read(IReadOnlyList<string> paths)
    {
        var rows = new List<Row>();
        var blocks = new List<ulong>();
        foreach (var path in paths)
        {
            ReadFile(path, rows, blocks);
        }

        // Stable by arrival, so merged files keep each file's order among equal times.
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Ticks).ThenBy(i => i).ToArray();
        var first = rows.Count > 0 ? rows[order[0]].Ticks : 0;
        var arrival = new double[rows.Count];
        var input = new int[rows.Count];
        var output = new int[rows.Count];
        var blockStart = new int[rows.Count + 1];
        var flat = new ulong[blocks.Count];
        var at = 0;
        for (var k = 0; k < order.Length; k++)
        {
            var r = rows[order[k]];
            arrival[k] = (r.Ticks - first) / (double)TimeSpan.TicksPerSecond;
            input[k] = r.Input;
            output[k] = r.Output;
            blockStart[k] = at;
            blocks.CopyTo(r.BlockStart, flat, at, r.BlockCount);
            at += r.BlockCount;
        }

        blockStart[rows.Count] = at;
        return new TokenTrace(string.Join(", ", paths.Select(Path.GetFileName)), arrival, input, output, blockStart, flat);
    }

    private static void ReadFile(string path, List<Row> rows, List<ulong> blocks)
    {
        StreamReader text;
        try
        {
            text = new StreamReader(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            throw new InputException(path, 0, "", $"cannot open the trace file: {e.Message}");
        }

        using (text)
        {
            var header = text.ReadLine() ?? throw new InputException(path, 1, "", "the file is empty");
            if (header.Trim() == AzureHeader)
            {
                ReadAzure(text, path, rows);
            }
            else if (header.TrimStart().StartsWith('{'))
            {
                ReadJsonLine(header, path, 1, rows, blocks);
                var line = 1;
                while (text.ReadLine() is { } next)
                {
                    line++;
                    if (next.Trim().Length > 0)
                    {
                        ReadJsonLine(next, path, line, rows, blocks);
                    }
                }
            }
            else
            {
                throw new InputException(path, 1, "",
                    $"expected the Azure LLM trace header '{AzureHeader}' or JSON lines with timestamp, input_length, output_length and hash_ids");
            }
        }
    }

    private static void ReadAzure(StreamReader text, string path, List<Row> rows)
    {
        var line = 1;
        while (text.ReadLine() is { } row)
        {
            line++;
            if (row.Trim().Length == 0)
            {
                continue;
            }

            var cells = row.Split(',');
            if (cells.Length != 3)
            {
                throw new InputException(path, line, "", $"expected 3 columns (TIMESTAMP,ContextTokens,GeneratedTokens), found {cells.Length}");
            }

            if (!DateTime.TryParseExact(cells[0].Trim(), ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                throw new InputException(path, line, "TIMESTAMP", $"'{cells[0]}' is not a time like 2023-11-16 18:17:03.9799600");
            }

            rows.Add(new Row(at.Ticks, Tokens(cells[1], path, line, "ContextTokens"), Tokens(cells[2], path, line, "GeneratedTokens"), 0, 0));
        }
    }

    private static int Tokens(string cell, string path, int line, string field) =>
        int.TryParse(cell.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new InputException(path, line, field, $"'{cell.Trim()}' is not a whole number of tokens");

    private static void ReadJsonLine(string json, string path, int line, List<Row> rows, List<ulong> blocks)
    {
        long? at = null;
        int? input = null;
        int? output = null;
        var start = blocks.Count;
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InputException(path, line, "", "expected one JSON object per line");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "timestamp":
                        at = (long)Math.Round(Number(ref reader, path, line, name) * TimeSpan.TicksPerMillisecond);
                        break;
                    case "input_length":
                        input = (int)Whole(ref reader, path, line, name);
                        break;
                    case "output_length":
                        output = (int)Whole(ref reader, path, line, name);
                        break;
                    case "hash_ids":
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw new InputException(path, line, name, "must be an array of block ids");
                        }

                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            blocks.Add((ulong)Whole(ref reader, path, line, name));
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw new InputException(path, line, "", $"not valid JSON: {e.Message}");
        }

        rows.Add(new Row(
            at ?? throw new InputException(path, line, "timestamp", "is missing"),
            input ?? throw new InputException(path, line, "input_length", "is missing"),
            output ?? throw new InputException(path, line, "output_length", "is missing"),
            start,
            blocks.Count - start));
    }

    private static double Number(ref Utf8JsonReader reader, string path, int line, string field) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var v) && v >= 0 && v < 1e15
            ? v
            : throw new InputException(path, line, field, "must be a number, zero or more");

    private static long Whole(ref Utf8JsonReader reader, string path, int line, string field) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) && v >= 0 && v <= int.MaxValue
            ? v
            : throw new InputException(path, line, field, "must be a whole number, zero or more");

    // Times in ticks (100 ns), so that absolute dates keep their sub-millisecond differences.
    private readonly record struct Row(long Ticks, int Input, int Output, int BlockStart, int BlockCount);
}
