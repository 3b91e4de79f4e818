using System.Text;

namespace Suanwang.Storage.Logs;

/// <summary>Collects log chunks in offset order up to a byte budget, as both dialects read them.</summary>
internal sealed class LogPage
{
    private readonly long _jobId;
    private readonly int _maxBytes;
    private long _bytes;

    public LogPage(long jobId, int maxBytes)
    {
        _jobId = jobId;
        _maxBytes = maxBytes;
    }

    /// <summary>The chunks taken so far.</summary>
    public List<LogChunk> Chunks { get; } = [];

    /// <summary>Takes the next chunk; false when the budget is spent and reading should stop.</summary>
    public bool TryAdd(long offset, string text)
    {
        _bytes += Encoding.UTF8.GetByteCount(text);

        // At least one chunk, so a reader always moves on even past a chunk larger than the limit.
        if (_bytes > _maxBytes && Chunks.Count > 0)
        {
            return false;
        }

        Chunks.Add(new LogChunk(_jobId, offset, text));
        return true;
    }
}
