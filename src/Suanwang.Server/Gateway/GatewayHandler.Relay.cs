using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Suanwang.ControlPlane.Policy;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Scheduling.Tokens;
using Suanwang.Storage.Tenants;
using Suanwang.Storage.Tokens;

namespace Suanwang.Server.Gateway;

internal sealed partial class GatewayHandler
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private async Task RelayAsync(HttpContext context, GatewayRoute route, string path, ApiKeyRecord key, LawfulCountries lawful, long started)
    {
        var allowed = lawful.Allowed;
        var aborted = context.RequestAborted;
        if (journal.Backlog >= options.MaxJournalBacklog)
        {
            // Bounded: the gateway stops taking work rather than let unrecorded usage grow without end.
            throw new GatewayError(503, $"The gateway has {journal.Backlog} usage records waiting for its database; it takes new requests again once they are in. Try again shortly.", "server_error", null, "usage_backlog", 1);
        }

        var bytes = await ReadBodyAsync(context.Request, aborted).ConfigureAwait(false);
        var request = GatewayRequest.Parse(bytes, route, options.TokensPerMessage, options.TokensPerRequest);
        var routed = new TokenRequest(request.Model, 0, (int)Math.Min(request.OutputCap ?? 0, int.MaxValue), allowed, request.PrefixBlocks);
        var decision = catalog.Route(routed);
        if (!decision.IsRouted)
        {
            var refusal = decision.Outcome == RouteOutcome.Residency && lawful.Law is { } law ? LawRefusal(law, request.Model) ?? Refusal(decision, request.Model) : Refusal(decision, request.Model);
            metrics.Request(request.Model, "", "refused", refusal.Status, 0, 0, 0, null);
            throw refusal;
        }

        // The most the request can cost at any endpoint it may go to: the prompt's bound with that
        // endpoint's tokenizer plus the output cap (or the endpoint's whole context when the
        // request names none).
        long hold = 0;
        long promptBound = 0;
        foreach (var e in decision.Endpoints)
        {
            var tokenizer = await tokenizers.ResolveAsync(catalog.Find(e), aborted).ConfigureAwait(false);
            var prompt = request.PromptTokens(tokenizer);
            var cost = TokenCosts.Nanos(prompt, request.OutputCap ?? e.ContextLength, e.InputPricePerMillion, e.OutputPricePerMillion, e.RateToBase);
            if (cost >= hold)
            {
                hold = cost;
                promptBound = prompt;
            }
        }

        if (await limiter.CheckAsync(key, hold, aborted).ConfigureAwait(false) is { } limited)
        {
            metrics.Request(request.Model, "", "limited", 429, 0, 0, 0, null);
            throw new GatewayError(429, limited, "requests", null, "rate_limit_exceeded", 60 - time.GetUtcNow().Second);
        }

        var tenant = key.Tenant!;
        var held = await wallets.TryHoldAsync(tenant, hold, aborted).ConfigureAwait(false);
        if (!held.Held)
        {
            metrics.Request(request.Model, "", "refused", 402, 0, 0, 0, null);
            var currency = market.Value.Currency;
            throw new GatewayError(
                402,
                $"Your balance cannot cover this request: it may cost up to {Money(hold)} {currency} ({promptBound} prompt tokens at most and {request.OutputCap?.ToString(CultureInfo.InvariantCulture) ?? "the model's context of"} output tokens) and tenant {tenant} has {Money(held.AvailableNanos)} {currency} available. Top up, or lower max_tokens.",
                "insufficient_quota",
                null,
                "insufficient_quota");
        }

        long charged = 0;
        try
        {
            var forward = request.Stream ? WithStreamUsage(request) : bytes;
            charged = await TryEndpointsAsync(context, path, key, request, routed, decision, forward, hold, started).ConfigureAwait(false);
        }
        finally
        {
            wallets.Release(tenant, hold, charged);
        }
    }

    // Sends to each endpoint in the router's order until one answers; returns the nanos charged.
    private async Task<long> TryEndpointsAsync(HttpContext context, string path, ApiKeyRecord key, GatewayRequest request, TokenRequest routed, RouteDecision decision, ReadOnlyMemory<byte> forward, long hold, long started)
    {
        var aborted = context.RequestAborted;
        string? failure = null;
        long sentAt = 0;
        foreach (var endpoint in decision.Endpoints)
        {
            if (catalog.Find(endpoint) is not { } target)
            {
                continue;
            }

            catalog.Dispatched(endpoint, routed);
            HttpResponseMessage? response = null;
            try
            {
                using var firstByte = CancellationTokenSource.CreateLinkedTokenSource(aborted, _deadlines.After(options.FirstByteTimeout));
                using var message = new HttpRequestMessage(HttpMethod.Post, target.Url + path)
                {
                    Content = new ReadOnlyMemoryContent(forward) { Headers = { ContentType = s_json } },
                };
                if (sentAt == 0)
                {
                    sentAt = Stopwatch.GetTimestamp();
                }

                response = await upstream.Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, firstByte.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                failure = $"{endpoint.Id}: {ex.Message}";
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                failure = $"{endpoint.Id}: no answer within {options.FirstByteTimeout.TotalSeconds:0.#} s";
            }
            catch (OperationCanceledException)
            {
                catalog.Completed(endpoint, endpoint.TtftSeconds, endpoint.PerTokenSeconds);
                throw;
            }

            if (response is not null && (int)response.StatusCode >= 500)
            {
                failure = $"{endpoint.Id}: HTTP {(int)response.StatusCode}";
                response.Dispose();
                response = null;
            }

            if (response is null)
            {
                catalog.Failed(endpoint);
                LogUpstreamFailed(endpoint.Id, failure ?? "no answer");
                continue;
            }

            using (response)
            {
                var ttft = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var before = Stopwatch.GetElapsedTime(started, sentAt).TotalSeconds;
                return request.Stream && response.IsSuccessStatusCode
                    ? await StreamAsync(context, key, request, target, response, hold, started, ttft, before).ConfigureAwait(false)
                    : await AnswerAsync(context, key, request, target, response, hold, started, ttft, before).ConfigureAwait(false);
            }
        }

        metrics.Request(request.Model, "", "error", 503, 0, 0, Stopwatch.GetElapsedTime(started).TotalSeconds, null);
        throw new GatewayError(
            503,
            $"Every endpoint of model '{request.Model}' that may take this request failed ({decision.Endpoints.Count} tried); the last: {failure}. Nothing was charged.",
            "server_error",
            null,
            "upstream_unavailable",
            1);
    }

    // A whole (non-streaming, or refused) answer: read, billed, then passed on.
    private async Task<long> AnswerAsync(HttpContext context, ApiKeyRecord key, GatewayRequest request, GatewayEndpoint target, HttpResponseMessage response, long hold, long started, double ttft, double before)
    {
        var aborted = context.RequestAborted;
        var (buffer, length) = await ReadLimitedAsync(response.Content, options.MaxResponseBytes, aborted).ConfigureAwait(false);
        try
        {
            return await AnswerAsync(context, key, request, target, response, hold, started, ttft, before, buffer.AsMemory(0, length)).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<long> AnswerAsync(HttpContext context, ApiKeyRecord key, GatewayRequest request, GatewayEndpoint target, HttpResponseMessage response, long hold, long started, double ttft, double before, ReadOnlyMemory<byte> body)
    {
        var lastByte = Stopwatch.GetTimestamp();
        var aborted = context.RequestAborted;
        var endpoint = target.Router;
        var status = (int)response.StatusCode;
        long charged = 0;
        ReportedUsage billed = new(0, 0, 0);
        if (response.IsSuccessStatusCode)
        {
            billed = UsageOf(body.Span, request, request.PromptTokens(tokenizers.For(target)));
            charged = Math.Min(hold, TokenCosts.Nanos(billed.Prompt, billed.Completion, endpoint.InputPricePerMillion, endpoint.OutputPricePerMillion, endpoint.RateToBase));
        }

        var duration = Stopwatch.GetElapsedTime(started).TotalSeconds;
        catalog.Completed(endpoint, ttft, billed.Completion > 1 ? (duration - ttft) / (billed.Completion - 1) : endpoint.PerTokenSeconds);
        var outcome = response.IsSuccessStatusCode ? "ok" : "refused";
        if (!Record(key, request, target, billed, charged, ttft, duration, outcome, UsageJournal.NewRecordId(), null))
        {
            // Nothing the client is not billed for goes out: no record, no answer.
            throw new GatewayError(503, "The request was served but its usage could not be recorded, so its answer is withheld and nothing was charged; try again.", "server_error", null, "usage_unrecorded", 1);
        }

        metrics.Request(request.Model, endpoint.SiteId, outcome, status, billed.Prompt, billed.Completion, duration, ttft);
        context.Response.StatusCode = status;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
        // The gateway's own time: from the request to its sending upstream, and from the upstream's last byte to the answer written.
        metrics.Overhead(request.Model, endpoint.SiteId, before + Stopwatch.GetElapsedTime(lastByte).TotalSeconds);
        return charged;
    }

    // Writes the final usage record to the journal, superseding the stream's progress record if
    // any; false when it could not be written (the request is then not charged). The writer
    // commits it to the store shortly; a crash before that leaves it in the journal for the next start.
    private bool Record(ApiKeyRecord key, GatewayRequest request, GatewayEndpoint target, ReportedUsage usage, long charged, double ttft, double duration, string outcome, string recordId, JournalProgress? progress)
    {
        var record = UsageRecord(key, request, target, usage, charged, ttft, duration, outcome, recordId);
        try
        {
            journal.Finish(record, progress);
        }
        catch (IOException ex)
        {
            LogUsageLost(key.Tenant!, target.Router.Id, ex.Message);
            return false;
        }

        if (key.TokensPerMinute is not null || key.SpendPerMonth is not null)
        {
            limiter.Journaled(key.Id, usage.Prompt + usage.Completion, charged);
        }

        return true;
    }

    private TokenUsageRecord UsageRecord(ApiKeyRecord key, GatewayRequest request, GatewayEndpoint target, ReportedUsage usage, long charged, double ttft, double duration, string outcome, string recordId) => new(
        time.GetUtcNow(), key.Tenant!, key.Id, request.Model, target.Router.SiteId, target.Owner,
        usage.Prompt, usage.Cached, usage.Completion, ttft * 1000, duration * 1000, outcome, market.Value.Currency, charged)
    {
        RecordId = recordId,
    };

    // The usage the upstream reported; without one, the gateway's own count: the prompt's bound
    // and the UTF-8 bytes of the output text (each at least one byte a token).
    private static ReportedUsage UsageOf(ReadOnlySpan<byte> body, GatewayRequest request, long promptBound)
    {
        try
        {
            var answer = ReportedUsage.Read(body);
            if (answer.Usage is { } reported)
            {
                return reported;
            }

            var output = answer.OutputBytes;
            return new ReportedUsage(promptBound, 0, request.OutputCap is { } cap ? Math.Min(cap, output) : output);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return new ReportedUsage(promptBound, 0, 0);
        }
    }

    // The data law's denials for the countries serving the model, naming the rules; null when the
    // law denied none of them (the key or header did).
    private GatewayError? LawRefusal(LawAnswer law, string model)
    {
        var reasons = new List<string>();
        foreach (var endpoint in catalog.Endpoints.Values)
        {
            var e = endpoint.Router;
            if (e.ModelId == model && !law.Allowed.Contains(e.Country) && law.WhyNot(e.Country) is { } why && !reasons.Contains(why))
            {
                reasons.Add(why);
            }
        }

        return reasons.Count == 0
            ? null
            : new GatewayError(403, $"The data law allows the datasets in the {DatasetsHeader} header nowhere model '{model}' is served: {string.Join("; ", reasons)}.", "permission_error", DatasetsHeader, "data_law_denied");
    }

    private static GatewayError Refusal(RouteDecision decision, string model) => decision.Outcome switch
    {
        RouteOutcome.UnknownModel => new GatewayError(404, $"The model '{model}' does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found"),
        RouteOutcome.Residency => new GatewayError(403, decision.Reason + ".", "permission_error", "model", "jurisdiction_not_allowed"),
        RouteOutcome.AllDown => new GatewayError(503, decision.Reason + ".", "server_error", null, "model_unavailable", 5),
        RouteOutcome.ContextTooLong => new GatewayError(400, decision.Reason + ".", "invalid_request_error", "max_tokens", "context_length_exceeded"),
        _ => new GatewayError(429, decision.Reason + "; try again shortly.", "server_error", null, "model_overloaded", 1),
    };

    private static string Money(long nanos) => ((decimal)nanos / TokenCosts.NanosPerUnit).ToString("0.#########", CultureInfo.InvariantCulture);
}
