namespace Suanwang.Agent.Logs;

/// <summary>
/// Follows a job's output file and hands out what was appended since the last read, as UTF-8 text
/// with the byte offset where it starts. A chunk never ends inside a multi-byte character unless the
/// file is complete.
/// </summary>
internal sealed class LogTail
{
    private readonly string _path;
    private readonly int _chunkBytes;

    /// <summary>Follows <paramref name="path"/> from <paramref name="offset"/>, in chunks of at most <paramref name="chunkBytes"/> bytes.</summary>
    public LogTail(string path, long offset = 0, int chunkBytes = 64 * 1024)
    {
        _path = path;
        Offset = offset;
        _chunkBytes = chunkBytes;
    }

    /// <summary>The byte offset of the next chunk.</summary>
    public long Offset { get; private set; }

    /// <summary>
    /// Reads the next chunk, or null when nothing new is there. With <paramref name="complete"/> (the
    /// job has ended), a trailing partial character is taken too, as U+FFFD.
    /// </summary>
    public Task<LogChunk?> ReadAsync(bool complete, CancellationToken cancellationToken) =>
        ReadAsync(complete, _chunkBytes, cancellationToken);

    /// <summary>Reads the next chunk of at most <paramref name="maxBytes"/> bytes (fewer than the constructor's chunk size); null when nothing new is there.</summary>
    public async Task<LogChunk?> ReadAsync(bool complete, int maxBytes, CancellationToken cancellationToken)
    {
        if (maxBytes <= 0)
        {
            return null;
        }

        if (!File.Exists(_path))
        {
            return null;
        }

        var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            if (!IsTheFile(stream))
            {
                return null;
            }

            if (stream.Length <= Offset)
            {
                return null;
            }

            stream.Position = Offset;
            var buffer = new byte[(int)Math.Min(Math.Min(_chunkBytes, maxBytes), stream.Length - Offset)];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var atEnd = Offset + read >= stream.Length;
            var take = complete && atEnd ? read : CompleteCharacters(buffer.AsSpan(0, read));
            if (take == 0)
            {
                // A chunk smaller than one character can only be a character still being written.
                return null;
            }

            var chunk = new LogChunk(Offset, System.Text.Encoding.UTF8.GetString(buffer, 0, take), take);
            Offset += take;
            return chunk;
        }
    }

    // A job that can write its output's folder (Slurm runs as the tenant's user) could put a link to
    // another file there for the agent to read and send back: only the file itself is read.
    private bool IsTheFile(FileStream stream)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        var opened = new FileInfo(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}")).LinkTarget;
        var folder = Sandbox.Posix.RealPath(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        return opened is null || folder is null || opened == Path.Combine(folder, Path.GetFileName(_path));
    }

    /// <summary>Goes back to <paramref name="offset"/>, to read a chunk again in smaller pieces.</summary>
    public void Rewind(long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Offset = offset;
    }

    /// <summary>Bytes in the output file now; 0 when there is none.</summary>
    public long FileLength()
    {
        var file = new FileInfo(_path);
        return file.Exists ? file.Length : 0;
    }

    /// <summary>Length of the longest prefix of <paramref name="bytes"/> that ends on a character boundary.</summary>
    internal static int CompleteCharacters(ReadOnlySpan<byte> bytes)
    {
        // Walk back over at most three continuation bytes to the lead byte of the last character.
        var i = bytes.Length - 1;
        var continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80)
        {
            i--;
            continuation++;
        }

        if (i < 0)
        {
            return bytes.Length;
        }

        var lead = bytes[i];
        var needed = lead switch
        {
            < 0x80 => 1,
            >= 0xF0 and < 0xF8 => 4,
            >= 0xE0 => 3,
            >= 0xC0 => 2,
            _ => 1,
        };
        return continuation + 1 >= needed ? bytes.Length : i;
    }
}
