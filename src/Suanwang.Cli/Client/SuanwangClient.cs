using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Jobs;
using Suanwang.Protocol.Sites;

namespace Suanwang.Cli.Client;

/// <summary>
/// The REST API as the CLI uses it. Every call either returns the server's answer or throws a
/// <see cref="ClientException"/> carrying the problem details (or why the server was not reached).
/// </summary>
internal sealed partial class SuanwangClient : IDisposable
{
    private const string NextOffsetHeader = "Suanwang-Next-Offset";
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string ReplayedHeader = "Idempotent-Replayed";

    private readonly HttpClient _http;
    private readonly Uri _server;

    public SuanwangClient(ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _server = settings.Server;
        var root = settings.Server.AbsoluteUri.EndsWith('/') ? settings.Server : new Uri(settings.Server.AbsoluteUri + "/");
        _http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
    }

    /// <summary>Submits a job spec (YAML, or JSON when <paramref name="json"/>); problems name <paramref name="source"/>.</summary>
    public async Task<SubmitResult> SubmitAsync(string spec, bool json, string source, CancellationToken cancellationToken)
    {
        using var content = new StringContent(spec, Encoding.UTF8, json ? "application/json" : "application/yaml");
        try
        {
            return await SendAsync<SubmitResult>(HttpMethod.Post, "api/v1/jobs", content, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientException e) when (e.IsUserError && (e.Field is not null || e.Line is not null))
        {
            throw e.From(source);
        }
    }

    /// <summary>One job.</summary>
    public Task<JobView> GetJobAsync(long id, CancellationToken cancellationToken) =>
        SendAsync<JobView>(HttpMethod.Get, Invariant($"api/v1/jobs/{id}"), null, cancellationToken);

    /// <summary>A page of jobs, newest first.</summary>
    public Task<JobPage> ListJobsAsync(string? state, string? site, long? before, int? limit, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        Add(query, "state", state);
        Add(query, "site", site);
        Add(query, "before", before?.ToString(CultureInfo.InvariantCulture));
        Add(query, "limit", limit?.ToString(CultureInfo.InvariantCulture));
        var path = query.Count == 0 ? "api/v1/jobs" : "api/v1/jobs?" + string.Join('&', query);
        return SendAsync<JobPage>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>Cancels a job; returns it as it is now.</summary>
    public Task<JobView> CancelAsync(long id, CancellationToken cancellationToken) =>
        SendAsync<JobView>(HttpMethod.Post, Invariant($"api/v1/jobs/{id}/cancel"), null, cancellationToken);

    /// <summary>A job's history, oldest first.</summary>
    public Task<IReadOnlyList<JobEventView>> GetEventsAsync(long id, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<JobEventView>>(HttpMethod.Get, Invariant($"api/v1/jobs/{id}/events"), null, cancellationToken);

    /// <summary>The sites.</summary>
    public Task<IReadOnlyList<SiteView>> ListSitesAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<SiteView>>(HttpMethod.Get, "api/v1/sites", null, cancellationToken);

    /// <summary>A job's output from byte <paramref name="offset"/> on, and the offset to continue from.</summary>
    public async Task<(string Text, long Next)> GetLogsAsync(long id, long offset, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, Invariant($"api/v1/jobs/{id}/logs?offset={offset}"), null, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var next = response.Headers.TryGetValues(NextOffsetHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : offset + Encoding.UTF8.GetByteCount(text);
        return (text, next);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ProtocolJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new ClientException($"the server at {_server} answered {path} with an empty body");
        }
        catch (JsonException e)
        {
            throw new ClientException($"the server at {_server} answered {path} with JSON this client does not read: {e.Message}", e);
        }
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken) =>
        SendRawAsync(method, path, content, null, cancellationToken);

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ClientException($"cannot reach the server at {_server}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClientException($"cannot reach the server at {_server}: no answer within {_http.Timeout.TotalSeconds:0} s", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ProblemAsync(response, path, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<ClientException> ProblemAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return new ClientException(
                    status,
                    String(root, "title") ?? response.ReasonPhrase,
                    String(root, "detail") ?? NoRoute(status, path),
                    String(root, "field"),
                    root.TryGetProperty("line", out var line) && line.TryGetInt32(out var number) ? number : null,
                    shortfall: Shortfall(status, root));
            }
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's page, say): fall back to the status line.
        }

        return new ClientException(status, response.ReasonPhrase, body.Length is > 0 and < 200 ? body.Trim() : NoRoute(status, path), null, null);
    }

    // A 404 without details is a route the server does not have (a server older than this client);
    // a missing job or order comes with a detail naming it.
    private static string? NoRoute(int status, string path) =>
        status == 404 ? $"the server has no /{path.Split('?')[0]}; it may be older than this client" : null;

    // A 402 for an order carries what is available and what the order needs; other 402s (a server
    // that takes jobs only through orders) do not.
    private static BalanceShortfall? Shortfall(int status, JsonElement root) =>
        status == 402 && String(root, "available") is { } available && String(root, "required") is { } required && String(root, "currency") is { } currency
            ? new BalanceShortfall(available, required, currency)
            : null;

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
