using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Suanwang.Protocol;
using Suanwang.Protocol.Agents;

namespace Suanwang.Agent.Server;

/// <summary>
/// <see cref="IServerClient"/> over HTTP: JSON in the protocol's conventions, the API key as a Bearer
/// token, endpoints under <c>{server}/api/v1/agents</c>. The caller owns the <see cref="HttpClient"/>
/// and its timeout.
/// </summary>
public sealed class HttpServerClient : IServerClient
{
    private readonly HttpClient _http;
    private readonly Uri _agents;
    private readonly string? _apiKey;

    /// <summary>Creates a client for the server at <paramref name="serverUrl"/> (for example <c>http://127.0.0.1:8080</c>).</summary>
    public HttpServerClient(HttpClient http, Uri serverUrl, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(serverUrl);
        _http = http;
        var baseText = serverUrl.ToString();
        var root = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/", UriKind.Absolute);
        _agents = new Uri(root, "api/v1/agents/");
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }

    /// <inheritdoc />
    public Task<AgentRegistered> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken) =>
        PostAsync<AgentRegistration, AgentRegistered>(new Uri(_agents, "register"), registration, staleOnNotFound: false, cancellationToken);

    /// <inheritdoc />
    public Task<HeartbeatReply> HeartbeatAsync(string siteId, Heartbeat heartbeat, CancellationToken cancellationToken) =>
        PostAsync<Heartbeat, HeartbeatReply>(SiteUri(siteId, "heartbeat"), heartbeat, staleOnNotFound: true, cancellationToken);

    /// <inheritdoc />
    public Task<ReportReply> ReportAsync(string siteId, ReportBatch batch, CancellationToken cancellationToken) =>
        PostAsync<ReportBatch, ReportReply>(SiteUri(siteId, "reports"), batch, staleOnNotFound: true, cancellationToken);

    private Uri SiteUri(string siteId, string action) => new(_agents, $"{Uri.EscapeDataString(siteId)}/{action}");

    private async Task<TReply> PostAsync<TRequest, TReply>(Uri uri, TRequest body, bool staleOnNotFound, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(body, options: ProtocolJson.Options),
        };
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ServerUnavailableException($"POST {uri}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServerUnavailableException($"POST {uri}: no answer within {_http.Timeout.TotalSeconds:0.#} s", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var reply = await response.Content.ReadFromJsonAsync<TReply>(ProtocolJson.Options, cancellationToken).ConfigureAwait(false);
                    return reply ?? throw new ServerRejectedException((int)response.StatusCode, $"POST {uri}: empty answer");
                }
                catch (JsonException ex)
                {
                    throw new ServerRejectedException($"POST {uri}: the answer is not the agent protocol: {ex.Message}", ex);
                }
                catch (HttpRequestException ex)
                {
                    throw new ServerUnavailableException($"POST {uri}: {ex.Message}", ex);
                }
            }

            var detail = await ReadProblemAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var message = $"POST {uri}: {status} {response.ReasonPhrase}{(detail.Length > 0 ? ": " + detail : "")}";
            if (response.StatusCode == HttpStatusCode.Conflict || (staleOnNotFound && response.StatusCode == HttpStatusCode.NotFound))
            {
                throw new StaleEpochException(message);
            }

            // 408, 429 and 5xx pass: a restarting server or a proxy in front of it answers with them.
            if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new ServerUnavailableException(message);
            }

            throw new ServerRejectedException(status, message);
        }
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return "";
        }

        if (text.Length == 0)
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (string[])["detail", "title"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString() ?? "";
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not problem+json: show the start of whatever came back.
        }

        return text.Length > 300 ? text[..300] : text;
    }
}
