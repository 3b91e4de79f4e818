using System.Text;
using System.Text.Json;
using Suanwang.Protocol;

namespace Suanwang.Agent.Journal;

/// <summary>
/// The agent's durable record of the dispatches it has started, as JSON lines in
/// <c>journal.jsonl</c> of the work folder, each forced to disk before the agent acts on it. A
/// fence in the journal is never started again, whatever the server repeats and however often the
/// agent restarts. The file is held exclusively, so two agents cannot share a work folder.
/// </summary>
internal sealed class RunJournal : IAsyncDisposable
{
    /// <summary>The journal's file name in the work folder.</summary>
    public const string FileName = "journal.jsonl";

    private readonly FileStream _stream;
    private readonly Dictionary<RunKey, JournalRecord> _records;

    private RunJournal(FileStream stream, Dictionary<RunKey, JournalRecord> records)
    {
        _stream = stream;
        _records = records;
    }

    /// <summary>Every dispatch ever journaled in this work folder.</summary>
    public IReadOnlyDictionary<RunKey, JournalRecord> Records => _records;

    /// <summary>Opens (or creates) the journal in <paramref name="workFolder"/> and reads what it holds.</summary>
    public static async Task<RunJournal> OpenAsync(string workFolder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workFolder);
        var path = Path.Combine(workFolder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, useAsync: true);
        }
        catch (IOException ex)
        {
            throw new IOException($"{path}: cannot open the agent's journal ({ex.Message}); is another agent using the work folder {workFolder}?", ex);
        }

        try
        {
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);

            // A line without its newline was being written when the agent died; it was never acted on.
            var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            if (complete < bytes.Length)
            {
                stream.SetLength(complete);
            }

            stream.Position = complete;
            var records = new Dictionary<RunKey, JournalRecord>();
            var lineNumber = 0;
            foreach (var line in Encoding.UTF8.GetString(bytes, 0, complete).Split('\n'))
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                JournalEntry? entry;
                try
                {
                    entry = JsonSerializer.Deserialize<JournalEntry>(line, ProtocolJson.Options);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{path}:{lineNumber}: not a journal line: {ex.Message}", ex);
                }

                if (entry is not null)
                {
                    Apply(records, entry);
                }
            }

            return new RunJournal(stream, records);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>True when <paramref name="key"/> was ever journaled: it must not be started again.</summary>
    public bool Contains(RunKey key) => _records.ContainsKey(key);

    /// <summary>Writes <paramref name="entry"/> and forces it to disk before returning.</summary>
    public async Task AppendAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, ProtocolJson.Options);
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        await _stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
        Apply(_records, entry);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static void Apply(Dictionary<RunKey, JournalRecord> records, JournalEntry entry)
    {
        if (entry.Event == JournalEntry.Starting && entry.Assignment is not null)
        {
            records.TryAdd(entry.Key, new JournalRecord(entry.Assignment, entry.At));
            return;
        }

        if (!records.TryGetValue(entry.Key, out var record))
        {
            return;
        }

        switch (entry.Event)
        {
            case JournalEntry.Started:
                record.Handle = entry.Handle;
                record.StartedAt = entry.At;
                break;
            case JournalEntry.Ended:
                record.Ended = entry;
                break;
            case JournalEntry.Closed:
                record.Closed = true;
                break;
        }
    }
}
