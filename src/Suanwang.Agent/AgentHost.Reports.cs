using System.Globalization;
using System.Text;
using System.Text.Json;
using Suanwang.Agent.Journal;
using Suanwang.Agent.Server;
using Suanwang.Client;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent;

/// <summary>
/// The outbox: reports wait here, in the order they happened, until the server has them. One batch
/// is on its way at a time and the loop does not wait for it, so a slow or refused upload never
/// holds up a heartbeat. Every batch fits the server's body limit as encoded JSON.
/// </summary>
public sealed partial class AgentHost
{
    private const int MaxBatchReports = 200;

    /// <summary>Assumed when the server does not say: the server's default body limit.</summary>
    private const long DefaultMaxRequestBytes = 1024 * 1024;

    // Room for {"epoch":N,"reports":[...]} around the reports; the epoch has at most 20 digits.
    private const int BatchEnvelopeBytes = 64;

    // A refused log report is split in halves down to this many characters, then replaced by a note.
    private const int MinSplitChars = 256;

    private readonly List<OutboxItem> _outbox = [];
    private long _pendingLogBytes;
    private long _maxRequestBytes = DefaultMaxRequestBytes;
    private long _maxJobLogBytes = long.MaxValue;
    private Task<ReportReply>? _upload;
    private int _uploadCount;
    private long _uploadEpoch;
    private int _batchLimit = MaxBatchReports;
    private DateTimeOffset _uploadRetryAt;
    private TimeSpan _uploadBackoff = s_firstBackoff;

    /// <summary>Largest report batch the agent sends, in bytes of JSON: the server's body limit.</summary>
    public long MaxRequestBytes => _maxRequestBytes;

    /// <summary>Encoded bytes one report may take so that a batch holding it alone fits.</summary>
    private long ReportBudget => _maxRequestBytes - BatchEnvelopeBytes;

    /// <summary>Bytes <paramref name="report"/> takes inside a batch, as the client will encode it.</summary>
    internal static int EncodedSize(RunReport report) => JsonSerializer.SerializeToUtf8Bytes(report, ProtocolJson.Options).Length;

    private void Queue(RunReport report, int logBytes = 0) => Queue(new OutboxItem(report, logBytes, EncodedSize(report)));

    private void Queue(OutboxItem item)
    {
        _outbox.Add(item);
        _pendingLogBytes += item.LogBytes;
    }

    private bool HasPending(RunKey key, ReportKind kind) =>
        _outbox.Exists(p => p.Report.Kind == kind && p.Report.Job == key.Job && p.Report.Fence == key.Fence);

    /// <summary>
    /// Takes in the answer to the batch on its way if it has come, and sends the next batch unless one
    /// is still on its way. Returns without waiting for an upload; answers that are already there
    /// (a fast server) are taken in one after another.
    /// </summary>
    private async Task PumpReportsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_upload is { IsCompleted: true } done)
            {
                _upload = null;
                await CompleteUploadAsync(done, cancellationToken).ConfigureAwait(false);
            }

            if (_upload is not null || _outbox.Count == 0 || !_registered || _time.GetUtcNow() < _uploadRetryAt)
            {
                return;
            }

            StartUpload(cancellationToken);
        }
    }

    private void StartUpload(CancellationToken cancellationToken)
    {
        var count = 0;
        long bytes = BatchEnvelopeBytes;
        while (count < _outbox.Count && count < _batchLimit && (count == 0 || bytes + 1 + _outbox[count].EncodedBytes <= _maxRequestBytes))
        {
            bytes += _outbox[count].EncodedBytes + (count == 0 ? 0 : 1);
            count++;
        }

        var batch = new ReportBatch(_epoch, _outbox.GetRange(0, count).ConvertAll(p => p.Report));
        _uploadCount = count;
        _uploadEpoch = _epoch;
        try
        {
            _upload = _server.ReportAsync(_siteId!, batch, cancellationToken);
        }
        catch (Exception ex) when (ex is ApiException or StaleEpochException)
        {
            _upload = Task.FromException<ReportReply>(ex);
        }
    }

    private async Task CompleteUploadAsync(Task<ReportReply> upload, CancellationToken cancellationToken)
    {
        var count = _uploadCount;
        ReportReply reply;
        try
        {
            reply = await upload.ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.IsUnavailable)
        {
            _uploadRetryAt = _time.GetUtcNow() + _uploadBackoff;
            _log(string.Create(CultureInfo.InvariantCulture, $"could not deliver {count} reports, trying again in {_uploadBackoff.TotalSeconds:0.#} s ({_outbox.Count} waiting): {ex.Message}"));
            _uploadBackoff = _uploadBackoff * 2 > s_maxBackoff ? s_maxBackoff : _uploadBackoff * 2;
            return;
        }
        catch (StaleEpochException ex)
        {
            // Sent under an epoch already replaced: the reports wait for the next batch under the new one.
            if (_uploadEpoch == _epoch && _registered)
            {
                _registered = false;
                _log($"registration is stale, registering again: {ex.Message}");
            }

            return;
        }
        catch (ApiException ex) when (ex.Status is 401 or 403)
        {
            _uploadRetryAt = _time.GetUtcNow() + s_maxBackoff;
            _log($"the server refused the agent's key for reports, trying again in {s_maxBackoff.TotalSeconds:0} s: {ex.Message}");
            return;
        }
        catch (ApiException ex)
        {
            // Sending the same batch again cannot succeed, and would hold up every later report.
            Refused(count, ex);
            return;
        }

        _uploadBackoff = s_firstBackoff;
        _batchLimit = MaxBatchReports;
        var batch = _outbox.GetRange(0, count);
        _outbox.RemoveRange(0, count);
        foreach (var item in batch)
        {
            _pendingLogBytes -= item.LogBytes;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var report = batch[i].Report;
            var key = new RunKey(report.Job, report.Fence);
            var result = reply.Results is { } results && i < results.Count ? results[i] : null;
            if (result is { Accepted: false })
            {
                await MarkStaleAsync(key, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (result is { Stop: true } && _runs.TryGetValue(key, out var tracked))
            {
                await StopRunAsync(tracked, "stopped by the server", cancellationToken).ConfigureAwait(false);
            }

            if (report.Kind is ReportKind.Exited or ReportKind.NotStarted)
            {
                await CloseAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The server refused a batch as it is (413 too large, 400 ...): send fewer reports at a time; a
    /// log report refused alone as too large is split in halves, and a piece too small to split, or
    /// refused for another reason, is replaced by a note saying how many bytes were dropped and why. Only a refused note or a refused report of
    /// another kind is dropped, and the agent's log says so.
    /// </summary>
    private void Refused(int count, ApiException ex)
    {
        if (count > 1)
        {
            _batchLimit = Math.Max(1, count / 2);
            _log($"the server refused {count} reports, sending {_batchLimit} at a time: {ex.Message}");
            return;
        }

        var item = _outbox[0];
        var report = item.Report;
        if (report.Kind == ReportKind.Log && !item.Note && report.Text is { } text)
        {
            _outbox.RemoveAt(0);
            if (ex.Status == 413 && text.Length > MinSplitChars)
            {
                var cut = text.Length / 2;
                if (char.IsLowSurrogate(text[cut]))
                {
                    cut--;
                }

                var head = text[..cut];
                var headBytes = Encoding.UTF8.GetByteCount(head);
                var first = report with { Text = head };
                var second = report with { Offset = report.Offset + headBytes, Text = text[cut..] };
                var firstBytes = Math.Min(item.LogBytes, headBytes);
                _outbox.Insert(0, new OutboxItem(second, item.LogBytes - firstBytes, EncodedSize(second)));
                _outbox.Insert(0, new OutboxItem(first, firstBytes, EncodedSize(first)));
                _log(string.Create(CultureInfo.InvariantCulture, $"job {report.Job}: the server refused {item.LogBytes} bytes of output at offset {report.Offset}, sending them in two pieces: {ex.Message}"));
                return;
            }

            var note = report with { Text = DroppedNote(item.LogBytes, ex) };
            _outbox.Insert(0, new OutboxItem(note, item.LogBytes, EncodedSize(note), Note: true));
            _log(string.Create(CultureInfo.InvariantCulture, $"job {report.Job}: the server refused {item.LogBytes} bytes of output at offset {report.Offset}, sending a note in their place: {ex.Message}"));
            return;
        }

        _outbox.RemoveAt(0);
        _pendingLogBytes -= item.LogBytes;
        _log($"job {report.Job}: the server refused its {report.Kind.ToString().ToLowerInvariant()} report, dropping it: {ex.Message}");
    }

    private static string DroppedNote(int bytes, ApiException ex) =>
        string.Create(CultureInfo.InvariantCulture, $"\n[suanwang: {bytes} bytes of output dropped here: the server refused them ({ex.Status})]\n");

    /// <summary>Waits for the batch on its way, if any, without taking in its answer (the agent is stopping).</summary>
    private async Task AbandonUploadAsync()
    {
        if (_upload is { } upload)
        {
            _upload = null;
            try
            {
                await upload.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ApiException or StaleEpochException or OperationCanceledException)
            {
                // Its reports are still in the journal's runs: the next agent sends them again.
            }
        }
    }

    /// <summary>The server no longer accepts this fence (the job moved or was cancelled): kill the run and say nothing more about it.</summary>
    private async Task MarkStaleAsync(RunKey key, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(key, out var tracked) && !tracked.Stale)
        {
            tracked.Stale = true;
            _log($"job {key.Job}: fence {key.Fence} is stale, the job was moved or cancelled");
            await StopRunAsync(tracked, "the server moved or cancelled the job (stale fence)", cancellationToken).ConfigureAwait(false);
        }

        for (var i = _outbox.Count - 1; i >= 0; i--)
        {
            if (_outbox[i].Report.Job == key.Job && _outbox[i].Report.Fence == key.Fence)
            {
                _pendingLogBytes -= _outbox[i].LogBytes;
                _outbox.RemoveAt(i);
            }
        }

        await CloseAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server has the outcome (or wants none): forget the dispatch, except that it must never start again.</summary>
    private async Task CloseAsync(RunKey key, CancellationToken cancellationToken)
    {
        if (_journal!.Records.TryGetValue(key, out var record) && !record.Closed)
        {
            await _journal.AppendAsync(new JournalEntry(JournalEntry.Closed, key.Job, key.Fence, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        // A stale run stays watched until it is dead; it is dropped when its end is seen.
        if (_runs.TryGetValue(key, out var tracked) && (tracked.Ended || tracked.Run is null))
        {
            _runs.Remove(key);
        }
    }
}
