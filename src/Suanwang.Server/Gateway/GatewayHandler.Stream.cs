using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Scheduling.Tokens;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Gateway;

internal sealed partial class GatewayHandler
{
    private const int StreamBuffer = 16 * 1024;

    // Copies the upstream's events to the client as they arrive, byte for byte, then bills what
    // went through: the upstream's usage chunk when it came (the request asked for it), else the
    // prompt's bound and one token per text chunk delivered. A stream cut by either side is
    // billed for what the client was sent. While it runs, what it has delivered so far goes to the
    // usage journal at most every StreamProgressInterval, so a crash of the gateway mid-stream
    // still bills the stream (as cut) for what was sent before the last such record.
    private async Task<long> StreamAsync(HttpContext context, ApiKeyRecord key, GatewayRequest request, GatewayEndpoint target, HttpResponseMessage response, long hold, long started, double headersAt, double before)
    {
        var aborted = context.RequestAborted;
        var client = context.Response;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        client.StatusCode = (int)response.StatusCode;
        client.ContentType = response.Content.Headers.ContentType?.ToString() ?? "text/event-stream";
        client.Headers.CacheControl = "no-cache";
        var scanner = new SseScanner();
        double? ttft = null;
        var cut = false;
        var recordId = UsageJournal.NewRecordId();
        JournalProgress? progress = null;
        var lastProgress = time.GetTimestamp();
        var buffer = ArrayPool<byte>.Shared.Rent(StreamBuffer);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                while (true)
                {
                    int n;
                    try
                    {
                        n = await body.ReadAsync(buffer.AsMemory(0, StreamBuffer), aborted).ConfigureAwait(false);
                    }
                    catch (IOException) when (!aborted.IsCancellationRequested)
                    {
                        cut = true;
                        break;
                    }

                    if (n == 0)
                    {
                        cut = !scanner.Done;
                        break;
                    }

                    ttft ??= Stopwatch.GetElapsedTime(started).TotalSeconds;
                    await client.Body.WriteAsync(buffer.AsMemory(0, n), aborted).ConfigureAwait(false);
                    await client.Body.FlushAsync(aborted).ConfigureAwait(false);
                    scanner.Feed(buffer.AsSpan(0, n));
                    if (time.GetElapsedTime(lastProgress) >= options.StreamProgressInterval)
                    {
                        lastProgress = time.GetTimestamp();
                        progress = Progress(key, request, target, scanner, hold, started, ttft.Value, recordId, progress);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            cut = true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var lastByte = Stopwatch.GetTimestamp();
        var endpoint = target.Router;
        var promptBound = request.PromptTokens(tokenizers.For(target));
        var (usage, charged) = Delivered(request, promptBound, endpoint, scanner, hold);
        var duration = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var first = ttft ?? headersAt;
        catalog.Completed(endpoint, first, usage.Completion > 1 ? (duration - first) / (usage.Completion - 1) : endpoint.PerTokenSeconds);
        var outcome = cut ? "cut" : "ok";
        if (!Record(key, request, target, usage, charged, first, duration, outcome, recordId, progress))
        {
            charged = 0;
        }

        metrics.Request(request.Model, endpoint.SiteId, outcome, client.StatusCode, usage.Prompt, usage.Completion, duration, first);
        metrics.Overhead(request.Model, endpoint.SiteId, before + Stopwatch.GetElapsedTime(lastByte).TotalSeconds);
        return charged;
    }

    // What the stream has delivered so far and its cost, within the hold.
    private static (ReportedUsage Usage, long Charged) Delivered(GatewayRequest request, long promptBound, InferenceEndpoint endpoint, SseScanner scanner, long hold)
    {
        var usage = scanner.Usage ?? new ReportedUsage(promptBound, 0, request.OutputCap is { } cap ? Math.Min(cap, scanner.TextChunks) : scanner.TextChunks);
        return (usage, Math.Min(hold, TokenCosts.Nanos(usage.Prompt, usage.Completion, endpoint.InputPricePerMillion, endpoint.OutputPricePerMillion, endpoint.RateToBase)));
    }

    // A progress record of the stream; when the journal cannot take it the previous one stands.
    private JournalProgress? Progress(ApiKeyRecord key, GatewayRequest request, GatewayEndpoint target, SseScanner scanner, long hold, long started, double ttft, string recordId, JournalProgress? previous)
    {
        var (usage, charged) = Delivered(request, request.PromptTokens(tokenizers.For(target)), target.Router, scanner, hold);
        var record = UsageRecord(key, request, target, usage, charged, ttft, Stopwatch.GetElapsedTime(started).TotalSeconds, "cut", recordId);
        try
        {
            return journal.WriteProgress(record, previous);
        }
        catch (IOException ex)
        {
            LogUsageLost(key.Tenant!, target.Router.Id, ex.Message);
            return previous;
        }
    }
}
