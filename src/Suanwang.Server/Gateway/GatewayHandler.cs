using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Admission;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Tokens;
using Suanwang.Core.Sites;
using Suanwang.Storage;
using Suanwang.Storage.Health;
using Suanwang.Storage.Tenants;

namespace Suanwang.Server.Gateway;

/// <summary>
/// The token gateway under <c>/v1</c>, OpenAI-compatible, and <c>GET /metrics</c>: a middleware in
/// front of routing and the REST API's authentication, so a request pays only for what it uses.
/// Every answer it gives itself is in OpenAI's error body; upstream answers pass through.
/// </summary>
internal sealed partial class GatewayHandler(
    ModelCatalog catalog,
    TokenWallets wallets,
    KeyLimiter limiter,
    TokenLaw law,
    GatewayMetrics metrics,
    GatewayKeys keys,
    GatewayOptions options,
    UsageJournal journal,
    IOptions<MarketOptions> market,
    TimeProvider time,
    UpstreamClient upstream,
    PromptTokenizers tokenizers,
    ILogger<GatewayHandler> logger)
{
    private readonly SharedDeadlines _deadlines = new();

    /// <summary>The header that narrows a request's jurisdictions within its key's.</summary>
    public const string JurisdictionsHeader = "Suanwang-Allowed-Jurisdictions";

    /// <summary>The header naming the registered datasets a request's prompt carries, for the data law.</summary>
    public const string DatasetsHeader = "Suanwang-Datasets";

    /// <summary>Handles <c>/v1</c> and <c>/metrics</c>; passes everything else to <paramref name="next"/>.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var received = Stopwatch.GetTimestamp();
        var request = context.Request;
        if (request.Path.Equals("/metrics", StringComparison.Ordinal) && HttpMethods.IsGet(request.Method))
        {
            await MetricsAsync(context).ConfigureAwait(false);
            return;
        }

        if (!request.Path.StartsWithSegments("/v1", StringComparison.Ordinal, out var rest))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await DispatchAsync(context, rest.Value ?? "", received).ConfigureAwait(false);
        }
        catch (GatewayError error)
        {
            if (!context.Response.HasStarted)
            {
                await WriteErrorAsync(context.Response, error).ConfigureAwait(false);
            }
        }
        catch (StoreUnavailableException ex)
        {
            if (!context.Response.HasStarted)
            {
                await WriteErrorAsync(context.Response, new GatewayError(503, $"The service cannot reach its database: {ex.Message}. Try again shortly.", "server_error", null, "store_unavailable", 5)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
    }

    // Prometheus text for an admin key or the configured metrics token (a scraper's bearer token, no key in the store).
    private async Task MetricsAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        try
        {
            if (!IsMetricsToken(header))
            {
                var key = await keys.AuthenticateAsync(header, context.RequestAborted).ConfigureAwait(false);
                if (!key.Admin)
                {
                    throw new GatewayError(403, $"API key {key.Id} is a tenant key; /metrics answers an admin key or the server's metrics token.", "permission_error", null, "metrics_forbidden");
                }
            }
        }
        catch (GatewayError error)
        {
            await WriteErrorAsync(context.Response, error).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(metrics.Write(), context.RequestAborted).ConfigureAwait(false);
    }

    private bool IsMetricsToken(string header)
    {
        const string Bearer = "Bearer ";
        if (options.MetricsToken is not { Length: > 0 } token || !header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Writes <paramref name="error"/> in OpenAI's body.</summary>
    public static Task WriteErrorAsync(HttpResponse response, GatewayError error)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (error.Status == 401)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        response.ContentType = "application/json";
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", error.Message);
            json.WriteString("type", error.Type);
            WriteOptional(json, "param", error.Param);
            WriteOptional(json, "code", error.Code);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private async Task DispatchAsync(HttpContext context, string path, long received)
    {
        var method = context.Request.Method;
        var route = path switch
        {
            "/chat/completions" => GatewayRoute.Chat,
            "/completions" => GatewayRoute.Completions,
            "/embeddings" => GatewayRoute.Embeddings,
            _ => (GatewayRoute?)null,
        };
        var isModels = path == "/models" || path.StartsWith("/models/", StringComparison.Ordinal);
        if (route is null && !isModels)
        {
            throw new GatewayError(404, $"Unknown request URL: {method} /v1{path}.", "invalid_request_error", null, "unknown_url");
        }

        if (route is not null && !HttpMethods.IsPost(method) || isModels && !HttpMethods.IsGet(method))
        {
            throw new GatewayError(405, $"{method} is not allowed on /v1{path}.", "invalid_request_error", null, "method_not_allowed");
        }

        var key = await keys.AuthenticateAsync(context.Request.Headers.Authorization, context.RequestAborted).ConfigureAwait(false);
        var allowed = Jurisdictions(key, context.Request.Headers[JurisdictionsHeader]);
        await catalog.RefreshAsync(force: false, context.RequestAborted).ConfigureAwait(false);
        var lawful = await LawAsync(key, context.Request.Headers[DatasetsHeader], allowed, context.RequestAborted).ConfigureAwait(false);
        if (isModels)
        {
            await ModelsAsync(context, path, lawful.Allowed).ConfigureAwait(false);
            return;
        }

        await RelayAsync(context, route!.Value, path, key, lawful, received).ConfigureAwait(false);
    }

    // The key's (and header's) jurisdictions, narrowed to where the data law lets the request's
    // datasets be served among the countries of the published endpoints. No datasets named: the
    // law has nothing to say, and nothing is asked.
    private async ValueTask<LawfulCountries> LawAsync(ApiKeyRecord key, string? header, IReadOnlyList<string>? allowed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new LawfulCountries(allowed, null);
        }

        var datasets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length > 128 || datasets.Count >= 32)
            {
                throw GatewayError.Invalid(DatasetsHeader, $"The {DatasetsHeader} header may name at most 32 datasets of at most 128 characters each.", "invalid_header");
            }

            datasets.Add(part);
        }

        if (datasets.Count == 0)
        {
            throw GatewayError.Invalid(DatasetsHeader, $"The {DatasetsHeader} header names no dataset.", "invalid_header");
        }

        var countries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in catalog.Endpoints.Values)
        {
            countries.Add(endpoint.Router.Country);
        }

        var outcome = await law.JurisdictionsAsync(key.Tenant!, [.. datasets], [.. countries], cancellationToken).ConfigureAwait(false);
        if (outcome.Refused)
        {
            var refusal = outcome.Refusal;
            throw refusal.Kind == RefusalKind.NotFound
                ? new GatewayError(404, $"{refusal.Detail} (named in the {DatasetsHeader} header).", "invalid_request_error", DatasetsHeader, "dataset_not_found")
                : new GatewayError(400, $"{refusal.Detail} (named in the {DatasetsHeader} header).", "invalid_request_error", DatasetsHeader, "invalid_header");
        }

        var answer = outcome.Value;
        var narrowed = new List<string>();
        foreach (var country in answer.Allowed)
        {
            if (allowed is null || allowed.Contains(country))
            {
                narrowed.Add(country);
            }
        }

        return new LawfulCountries(narrowed, answer);
    }

    // The key's jurisdictions, narrowed by the header. A header naming a country outside the key's
    // set is refused (403) rather than quietly intersected: the caller asked for something the key
    // does not allow, and a silent narrowing would hide that.
    private static IReadOnlyList<string>? Jurisdictions(ApiKeyRecord key, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return key.Jurisdictions;
        }

        var asked = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var code = part.ToUpperInvariant();
            if (!CountryCodes.IsValid(code))
            {
                throw GatewayError.Invalid(JurisdictionsHeader, $"'{part}' in the {JurisdictionsHeader} header is not an ISO 3166-1 alpha-2 country code.", "invalid_header");
            }

            if (key.Jurisdictions is { } keyCountries && !keyCountries.Contains(code))
            {
                throw new GatewayError(403, $"The {JurisdictionsHeader} header names {code}, which key {key.Id} does not allow (it allows {string.Join(", ", keyCountries)}); a request may only narrow its key's jurisdictions.", "permission_error", JurisdictionsHeader, "jurisdiction_not_allowed");
            }

            if (!asked.Contains(code))
            {
                asked.Add(code);
            }
        }

        if (asked.Count == 0)
        {
            throw GatewayError.Invalid(JurisdictionsHeader, $"The {JurisdictionsHeader} header names no country.", "invalid_header");
        }

        return asked;
    }

    private async Task ModelsAsync(HttpContext context, string path, IReadOnlyList<string>? allowed)
    {
        var models = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var endpoint in catalog.Endpoints.Values)
        {
            var e = endpoint.Router;
            if (allowed is null || allowed.Contains(e.Country))
            {
                models[e.ModelId] = Math.Max(models.GetValueOrDefault(e.ModelId), e.ContextLength);
            }
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (path == "/models")
            {
                json.WriteStartObject();
                json.WriteString("object", "list");
                json.WriteStartArray("data");
                foreach (var (id, length) in models)
                {
                    WriteModel(json, id, length);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else
            {
                var id = Uri.UnescapeDataString(path["/models/".Length..]);
                if (!models.TryGetValue(id, out var contextLength))
                {
                    throw new GatewayError(404, $"The model '{id}' does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found");
                }

                WriteModel(json, id, contextLength);
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteModel(Utf8JsonWriter json, string id, int contextLength)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", "model");
        json.WriteNumber("created", 0);
        json.WriteString("owned_by", "suanwang");
        json.WriteNumber("context_length", contextLength);
        json.WriteEndObject();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Endpoint} failed: {Reason}")]
    private partial void LogUpstreamFailed(string endpoint, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage of a request of tenant {Tenant} on {Endpoint} could not be recorded: {Reason}")]
    private partial void LogUsageLost(string tenant, string endpoint, string reason);
}
