using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;
using Suanwang.Storage.Tokens;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// The gateway's usage journal: an append-only file in which each request's usage record is
/// written, framed and checksummed, with one write to the operating system before the answer
/// goes out. There is no fsync on that path: a process killed at any instant leaves every written
/// record in the page cache, and the next start (of this gateway or another given the folder)
/// replays it. <see cref="UsageJournalWriter"/> commits the records to the store in batches and
/// then marks them done here; a segment whose records are all committed is deleted. The folder
/// is held by one process at a time (a lock file).
/// </summary>
public sealed partial class UsageJournal : IDisposable
{
    /// <summary>The lock file in the folder, held while a process uses it.</summary>
    public const string LockFile = "journal.lock";

    private const string SegmentPrefix = "usage-";
    private const string SegmentSuffix = ".journal";

    private readonly Lock _gate = new();
    private readonly string _folder;
    private readonly FileStream _lock;
    private readonly long _segmentBytes;
    private readonly Channel<JournalEntry> _pending = Channel.CreateUnbounded<JournalEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<JournalSegment> _segments = [];
    private JournalSegment _current;
    private long _backlog;
    private bool _disposed;

    private UsageJournal(string folder, FileStream fileLock, long segmentBytes, List<JournalSegment> replayedSegments, List<JournalEntry> replayed)
    {
        _folder = folder;
        _lock = fileLock;
        _segmentBytes = segmentBytes;
        _segments.AddRange(replayedSegments);
        Replayed = replayed.ConvertAll(e => e.Record);
        foreach (var entry in replayed)
        {
            _pending.Writer.TryWrite(entry);
        }

        _backlog = replayed.Count;
        _current = OpenSegment((_segments.Count == 0 ? 0 : _segments[^1].Number) + 1);
        DeleteDone();
    }

    /// <summary>The folder of the journal's files.</summary>
    public string Folder => _folder;

    /// <summary>Records found in the folder at open that the store may not have yet, in order: replayed (the store ignores ids it has).</summary>
    public IReadOnlyList<TokenUsageRecord> Replayed { get; }

    /// <summary>Records written and not yet committed to the store.</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>The records waiting for the store, in the order written.</summary>
    internal ChannelReader<JournalEntry> Pending => _pending.Reader;

    /// <summary>Opens (creating it if need be) the journal in <paramref name="folder"/> and reads what a previous process left there; throws <see cref="IOException"/> when another process holds it.</summary>
    public static UsageJournal Open(string folder, long segmentBytes = 4 * 1024 * 1024)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        FileStream fileLock;
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock on Linux); the kernel drops it with the process.
            fileLock = new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"the usage journal in {folder} is in use by another process ({e.Message}); give each gateway a folder of its own", e);
        }

        try
        {
            var (segments, entries) = Replay(folder);
            return new UsageJournal(folder, fileLock, segmentBytes, segments, entries);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>A new record id: 32 hex digits, time-ordered.</summary>
    public static string NewRecordId() => Guid.CreateVersion7().ToString("N");

    /// <summary>Writes a request's final usage record (with its <see cref="TokenUsageRecord.RecordId"/>); the store has it after the writer's next batch. Throws <see cref="IOException"/> when the file cannot be written.</summary>
    public void Append(TokenUsageRecord record) => Write(record, JournalKind.Final, null);

    /// <summary>Writes what a stream has delivered so far; returns its place, to pass to the stream's next record, which supersedes it.</summary>
    public JournalProgress WriteProgress(TokenUsageRecord record, JournalProgress? previous) =>
        new(Write(record, JournalKind.Progress, previous?.Segment));

    /// <summary>Writes a stream's final record, superseding its progress records.</summary>
    public void Finish(TokenUsageRecord record, JournalProgress? previous) => Write(record, JournalKind.Final, previous?.Segment);

    /// <summary>Marks <paramref name="entries"/> committed to the store: segments left with nothing to commit are deleted.</summary>
    internal void Committed(IReadOnlyList<JournalEntry> entries)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                entry.Segment.Outstanding--;
            }

            Interlocked.Add(ref _backlog, -entries.Count);
            DeleteDone();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _pending.Writer.TryComplete();
            _current.Handle?.Dispose();
            _current.Handle = null;
            _current.Closed = true;
            DeleteDone();
            if (_segments.Count == 0)
            {
                // Nothing left to replay: leave no trace (a start that never listened leaves its folder as it found it).
                File.Delete(Path.Combine(_folder, LockFile));
            }
        }

        _lock.Dispose();
        if (!Directory.EnumerateFileSystemEntries(_folder).Any())
        {
            Directory.Delete(_folder);
        }
    }

    private JournalSegment Write(TokenUsageRecord record, JournalKind kind, JournalSegment? superseded)
    {
        var size = UsageJournalCodec.Size(record);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = UsageJournalCodec.Encode(record, kind, buffer);
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var segment = _current;
                // One write system call per record, at the segment's end; the page cache keeps it through a crash of the process.
                RandomAccess.Write(segment.Handle!, buffer.AsSpan(0, length), segment.Length);
                segment.Length += length;
                segment.Outstanding++;
                if (kind == JournalKind.Final)
                {
                    Interlocked.Increment(ref _backlog);
                    _pending.Writer.TryWrite(new JournalEntry(record, segment));
                }

                if (superseded is not null)
                {
                    superseded.Outstanding--;
                }

                if (segment.Length >= _segmentBytes)
                {
                    segment.Handle!.Dispose();
                    segment.Handle = null;
                    segment.Closed = true;
                    _current = OpenSegment(segment.Number + 1);
                    DeleteDone();
                }
                else if (superseded is not null && superseded != segment)
                {
                    DeleteDone();
                }

                return segment;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private JournalSegment OpenSegment(long number)
    {
        var path = SegmentPath(_folder, number);
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var segment = new JournalSegment(number, path) { Handle = handle };
        _segments.Add(segment);
        return segment;
    }

    // Closed segments with nothing left to commit go; the caller holds the gate (or is the constructor).
    private void DeleteDone()
    {
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            var segment = _segments[i];
            if (segment.Closed && segment.Outstanding <= 0)
            {
                File.Delete(segment.Path);
                _segments.RemoveAt(i);
            }
        }
    }

    private static string SegmentPath(string folder, long number) =>
        Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{SegmentPrefix}{number:D12}{SegmentSuffix}"));
}
