using System.Text.Json;

namespace Suanwang.Server.Gateway;

/// <summary>
/// Reads the server-sent events of an upstream stream as they pass through, for billing: the
/// chunks that carried output text (one token each, as llama.cpp, vLLM and the built-in server
/// send them), the usage chunk when the upstream sends one, and whether it ended with <c>[DONE]</c>.
/// Only whole lines count, so a chunk cut in the middle is not counted.
/// </summary>
internal sealed class SseScanner
{
    private const int MaxLine = 1024 * 1024;
    private byte[] _line = new byte[4096];
    private int _length;

    /// <summary>Chunks that carried output text.</summary>
    public long TextChunks { get; private set; }

    /// <summary>The usage the upstream reported, if it did.</summary>
    public ReportedUsage? Usage { get; private set; }

    /// <summary>Whether <c>data: [DONE]</c> went through.</summary>
    public bool Done { get; private set; }

    /// <summary>Reads bytes that were delivered to the client.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var end = bytes.IndexOf((byte)'\n');
            var part = end < 0 ? bytes : bytes[..end];
            if (_length + part.Length <= MaxLine)
            {
                if (_length + part.Length > _line.Length)
                {
                    Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + part.Length));
                }

                part.CopyTo(_line.AsSpan(_length));
                _length += part.Length;
            }

            if (end < 0)
            {
                return;
            }

            Line(_line.AsSpan(0, _length));
            _length = 0;
            bytes = bytes[(end + 1)..];
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        line = line.TrimEnd((byte)'\r');
        if (!line.StartsWith("data:"u8))
        {
            return;
        }

        var data = line[5..].TrimStart((byte)' ');
        if (data.SequenceEqual("[DONE]"u8))
        {
            Done = true;
            return;
        }

        try
        {
            var answer = ReportedUsage.Read(data);
            if (answer.Usage is { } usage)
            {
                Usage = usage;
            }

            if (answer.FirstChoiceHasText)
            {
                TextChunks++;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON: nothing to bill from it; the bytes went through all the same.
        }
    }
}
