using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Suanwang.Protocol;

namespace Suanwang.Client;

/// <summary>
/// The one HTTP client of the REST API and the agent protocol: sends each request with the API key as a
/// Bearer token, turns every failure into an <see cref="ApiException"/> (problem+json read into its
/// fields) and reads answers with <see cref="ProtocolJson.Options"/>.
/// </summary>
public sealed class ApiClient : IDisposable
{
    /// <summary>The header that makes a POST safe to repeat: the server answers a repeated key with the first answer.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _root;
    private readonly string? _apiKey;

    /// <summary>A client with its own <see cref="HttpClient"/> that gives up on an answer after <paramref name="timeout"/>.</summary>
    public ApiClient(Uri server, string? apiKey, TimeSpan timeout)
        : this(new HttpClient { Timeout = timeout }, server, apiKey, ownsHttp: true)
    {
    }

    /// <summary>A client over <paramref name="http"/>, which the caller owns (with its handler and timeout).</summary>
    public ApiClient(HttpClient http, Uri server, string? apiKey)
        : this(http, server, apiKey, ownsHttp: false)
    {
    }

    private ApiClient(HttpClient http, Uri server, string? apiKey, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(server);
        _http = http;
        _ownsHttp = ownsHttp;
        Server = server;

        // Paths are relative to the server's URL, which may carry a base path (http://host/suanwang).
        var text = server.AbsoluteUri;
        _root = text.EndsWith('/') ? server : new Uri(text + "/", UriKind.Absolute);
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }

    /// <summary>The server's URL as given.</summary>
    public Uri Server { get; }

    /// <summary>Sends a request to <paramref name="path"/> (relative to the server, with its query) and reads the answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, content, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> and reads the answer as <typeparamref name="TReply"/>.</summary>
    public async Task<TReply> PostAsync<TRequest, TReply>(string path, TRequest body, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(body, options: ProtocolJson.Options);
        return await SendAsync<TReply>(HttpMethod.Post, path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request and returns the server's successful answer, which the caller disposes; any other
    /// outcome throws <see cref="ApiException"/>. <paramref name="idempotencyKey"/> is sent when not null.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var uri = new Uri(_root, path);
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

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
            throw ApiException.Unreachable(Server, method, path, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ApiException.Unreachable(Server, method, path, $"no answer within {_http.Timeout.TotalSeconds:0.#} s", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var problem = await Problem.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            throw ApiException.Refused(Server, method, uri, path, (int)response.StatusCode, response.ReasonPhrase, problem);
        }
    }

    /// <summary>Reads a successful answer to <paramref name="path"/> as <typeparamref name="T"/>; an empty or unreadable body throws <see cref="ApiException"/>.</summary>
    public async Task<T> ReadAsync<T>(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var method = response.RequestMessage?.Method ?? HttpMethod.Get;
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ProtocolJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw ApiException.BadAnswer(Server, method, path, "an empty body", null);
        }
        catch (JsonException e)
        {
            throw ApiException.BadAnswer(Server, method, path, $"JSON this client does not read: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw ApiException.Unreachable(Server, method, path, e.Message, e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
