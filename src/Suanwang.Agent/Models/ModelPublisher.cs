using System.Globalization;
using System.Net.Http.Json;
using Suanwang.Client;
using Suanwang.Protocol;
using Suanwang.Protocol.Tokens;

namespace Suanwang.Agent.Models;

/// <summary>
/// Publishes the site's model endpoints to the server (<c>PUT /api/v1/agents/{site}/models</c>)
/// and keeps their health current: every interval it asks each endpoint for <c>GET {url}/models</c>
/// (2 s at most) and publishes again when an answer changes, and at least every
/// <see cref="RepublishEvery"/> so a restarted server learns them. A site the server does not know
/// yet (the agent registers it at the same time) is tried again on the next round.
/// </summary>
public sealed class ModelPublisher : IDisposable
{
    /// <summary>Longest time between two publications when nothing changes.</summary>
    public static readonly TimeSpan RepublishEvery = TimeSpan.FromSeconds(30);

    private readonly ApiClient _api;
    private readonly string _site;
    private readonly IReadOnlyList<PublishedModel> _models;
    private readonly Action<string> _log;
    private readonly TimeSpan _interval;
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Publishes <paramref name="models"/> of <paramref name="site"/> through <paramref name="api"/> (the caller's), checking them every <paramref name="interval"/>.</summary>
    public ModelPublisher(ApiClient api, string site, IReadOnlyList<PublishedModel> models, Action<string> log, TimeSpan interval)
    {
        _api = api;
        _site = site;
        _models = models;
        _log = log;
        _interval = interval;
    }

    /// <summary>Checks and publishes until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        bool[]? published = null;
        var publishedAt = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            var health = new bool[_models.Count];
            for (var i = 0; i < _models.Count; i++)
            {
                health[i] = await HealthyAsync(_models[i], cancellationToken).ConfigureAwait(false);
            }

            if (published is null || !published.AsSpan().SequenceEqual(health) || DateTimeOffset.UtcNow - publishedAt > RepublishEvery)
            {
                if (await PublishAsync(health, cancellationToken).ConfigureAwait(false))
                {
                    if (published is not null && !published.AsSpan().SequenceEqual(health))
                    {
                        for (var i = 0; i < health.Length; i++)
                        {
                            if (health[i] != published[i])
                            {
                                _log(string.Create(CultureInfo.InvariantCulture, $"model {_models[i].Model} at {_models[i].Url} is {(health[i] ? "healthy again" : "failing its health check")}"));
                            }
                        }
                    }

                    published = health;
                    publishedAt = DateTimeOffset.UtcNow;
                }
            }

            try
            {
                await Task.Delay(_interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _health.Dispose();

    private async Task<bool> HealthyAsync(PublishedModel model, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _health.GetAsync(new Uri(model.Url.AbsoluteUri.TrimEnd('/') + "/models"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> PublishAsync(bool[] health, CancellationToken cancellationToken)
    {
        var body = new SiteModels([.. _models.Select((m, i) => new SiteModel(m.Model, m.Url.AbsoluteUri.TrimEnd('/'), m.Kind, m.ContextLength, m.Capacity, m.InputPrice, m.OutputPrice, m.Currency, health[i], m.Tokenizer, m.TokenizerDigest))]);
        try
        {
            using var content = JsonContent.Create(body, options: ProtocolJson.Options);
            using var response = await _api.SendAsync(HttpMethod.Put, $"api/v1/agents/{Uri.EscapeDataString(_site)}/models", content, null, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            // 404 until the agent's registration lands; anything else is worth a line.
            if ((int)response.StatusCode != 404)
            {
                var reason = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                _log(string.Create(CultureInfo.InvariantCulture, $"the server refused the site's models ({(int)response.StatusCode}): {reason}"));
            }
        }
        catch (Exception e) when (e is HttpRequestException or ApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _log($"cannot publish the site's models yet: {e.Message}");
        }

        return false;
    }
}
