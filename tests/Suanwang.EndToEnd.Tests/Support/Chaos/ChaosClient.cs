using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Suanwang.EndToEnd.Tests.Support.Chaos;

/// <summary>
/// Plain HTTP to one run of <c>suanwang up</c> as an admin. A request either gets an answer or,
/// when the server died with it in flight, none (null): the caller cannot know whether it took
/// effect. A 429 is waited out as its Retry-After says and sent again, unchanged.
/// </summary>
internal sealed class ChaosClient : IDisposable
{
    private static readonly TimeSpan s_maxRetryAfter = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;

    public ChaosClient(Uri server, string key)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    public Task<ChaosAnswer?> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, null, null);

    /// <summary>POSTs <paramref name="body"/> (null: empty) as <paramref name="mediaType"/>, with an Idempotency-Key when given.</summary>
    public Task<ChaosAnswer?> PostAsync(string path, string? body, string mediaType = "application/json", string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, mediaType, idempotencyKey);

    public void Dispose() => _http.Dispose();

    private async Task<ChaosAnswer?> SendAsync(HttpMethod method, string path, string? body, string? mediaType, string? key)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, mediaType!);
            }

            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(RetryAfter(response));
                    continue;
                }

                long? next = response.Headers.TryGetValues("Suanwang-Next-Offset", out var values)
                    ? long.Parse(values.First(), NumberStyles.None, CultureInfo.InvariantCulture)
                    : null;
                return new ChaosAnswer(response.StatusCode, text, next);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return null; // The server is gone: this request may or may not have taken effect.
            }
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => TimeSpan.FromSeconds(1),
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > s_maxRetryAfter ? s_maxRetryAfter : wait;
    }
}
