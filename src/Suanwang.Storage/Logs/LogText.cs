using System.Text;

namespace Suanwang.Storage.Logs;

/// <summary>Joins the chunks read from an offset into one text, skipping what lies before it.</summary>
public static class LogText
{
    /// <summary>The chunks' text from <paramref name="from"/> on, and the byte offset that follows it (the next read's start).</summary>
    public static (string Text, long Next) Join(IReadOnlyList<LogChunk> chunks, long from)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var text = new StringBuilder();
        var next = from;
        foreach (var chunk in chunks)
        {
            var end = chunk.Offset + Encoding.UTF8.GetByteCount(chunk.Text);
            if (end <= next)
            {
                continue;
            }

            text.Append(chunk.Text);
            next = end;
        }

        return (text.ToString(), next);
    }
}
