using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Suanwang.ControlPlane.Market;
using Suanwang.ControlPlane.Sites;
using Suanwang.Protocol;
using Suanwang.Protocol.Tokens;
using Suanwang.Scheduling.Tokens;
using Suanwang.Storage;

namespace Suanwang.ControlPlane.Tokens;

/// <summary>
/// The endpoints sites publish, read from the store at most once per
/// <see cref="GatewayOptions.RefreshInterval"/>, and the <see cref="TokenRouter"/> over them. The
/// router is not thread-safe: every call into it holds one lock, which costs a few hundred
/// nanoseconds a request. An endpoint is up while its site heartbeats and its agent's health
/// check passes; its live state (in flight, breaker, measured latency) survives refreshes while
/// what it publishes stays the same.
/// </summary>
public sealed partial class ModelCatalog(IStore store, SiteDirectory directory, IOptions<MarketOptions> market, GatewayOptions options, TimeProvider time, ILogger<ModelCatalog> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Dictionary<string, GatewayEndpoint> _byId = new(StringComparer.Ordinal);
    private TokenRouter _router = new([]);
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    /// <summary>The endpoints as last read, by id (<c>site/model</c>).</summary>
    public IReadOnlyDictionary<string, GatewayEndpoint> Endpoints
    {
        get
        {
            lock (_lock)
            {
                return _byId;
            }
        }
    }

    /// <summary>Reads the endpoints again when the last read is older than the refresh interval (or <paramref name="force"/>).</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && time.GetUtcNow() - _refreshedAt < options.RefreshInterval)
        {
            return;
        }

        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!force && time.GetUtcNow() - _refreshedAt < options.RefreshInterval)
            {
                return;
            }

            var published = await store.ListSiteModelsAsync(cancellationToken).ConfigureAwait(false);
            var sites = directory.ById(await store.ListSitesAsync(cancellationToken).ConfigureAwait(false));
            var now = time.GetUtcNow();
            var next = new Dictionary<string, GatewayEndpoint>(StringComparer.Ordinal);
            Dictionary<string, GatewayEndpoint> old;
            lock (_lock)
            {
                old = _byId;
            }

            foreach (var record in published)
            {
                IReadOnlyList<SiteModel> models;
                try
                {
                    models = JsonSerializer.Deserialize<List<SiteModel>>(record.Models, ProtocolJson.Options) ?? [];
                }
                catch (JsonException ex)
                {
                    LogUnreadable(record.Site, ex.Message);
                    continue;
                }

                var carbon = sites.GetValueOrDefault(record.Site)?.Carbon.At(now.TimeOfDay.TotalSeconds) ?? 0;
                foreach (var model in models)
                {
                    if (market.Value.RateOf(model.Currency) is not { } rate)
                    {
                        LogNoRate(record.Site, model.Model, model.Currency);
                        continue;
                    }

                    var id = $"{record.Site}/{model.Model}";
                    var endpoint = old.TryGetValue(id, out var before) && Same(before, model, record.Country, rate)
                        ? before.Router
                        : new InferenceEndpoint
                        {
                            Id = id,
                            SiteId = record.Site,
                            Country = record.Country,
                            ModelId = model.Model,
                            ContextLength = model.ContextLength,
                            Capacity = model.Capacity,
                            InputPricePerMillion = model.InputPrice,
                            OutputPricePerMillion = model.OutputPrice,
                            Currency = model.Currency,
                            RateToBase = rate,
                        };
                    endpoint.CarbonGramsPerKwh = carbon;
                    endpoint.Healthy = record.SiteUp && model.Healthy;
                    next[id] = new GatewayEndpoint(endpoint, model.Url.TrimEnd('/'), record.Owner, model.Kind, record.SiteUp, model.Healthy, model.Tokenizer ?? SiteModel.Bytes, model.TokenizerDigest);
                }
            }

            InferenceEndpoint[] endpoints = [.. next.Values.Select(e => e.Router)];
            lock (_lock)
            {
                // Unchanged endpoints keep their router (and what it remembers of prompt
                // prefixes); a change starts a new one that carries those memories over.
                if (!endpoints.SequenceEqual(_router.Endpoints, ReferenceEqualityComparer.Instance))
                {
                    _router = new TokenRouter(endpoints, null, _router);
                }

                _byId = next;
            }

            _refreshedAt = now;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>The models served, each once, in id order.</summary>
    public IReadOnlyList<string> Models()
    {
        lock (_lock)
        {
            return [.. _byId.Values.Select(e => e.Router.ModelId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>Routes <paramref name="request"/> now.</summary>
    public RouteDecision Route(TokenRequest request)
    {
        lock (_lock)
        {
            return _router.Route(request, time.GetUtcNow());
        }
    }

    /// <summary>The gateway's view of a routed endpoint.</summary>
    public GatewayEndpoint? Find(InferenceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_lock)
        {
            return _byId.GetValueOrDefault(endpoint.Id);
        }
    }

    /// <summary>Notes a request sent to <paramref name="endpoint"/>.</summary>
    public void Dispatched(InferenceEndpoint endpoint, TokenRequest request)
    {
        lock (_lock)
        {
            _router.Dispatched(endpoint, request, time.GetUtcNow());
        }
    }

    /// <summary>Notes a request that ended well at <paramref name="endpoint"/>.</summary>
    public void Completed(InferenceEndpoint endpoint, double ttftSeconds, double perTokenSeconds)
    {
        lock (_lock)
        {
            _router.Completed(endpoint, ttftSeconds, perTokenSeconds);
        }
    }

    /// <summary>Notes a request that failed at <paramref name="endpoint"/> (connect error, 5xx, timeout before the first byte).</summary>
    public void Failed(InferenceEndpoint endpoint)
    {
        lock (_lock)
        {
            _router.Failed(endpoint, time.GetUtcNow());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshing.Dispose();

    private static bool Same(GatewayEndpoint before, SiteModel model, string country, decimal rate)
    {
        var e = before.Router;
        return e.Country == country && e.ContextLength == model.ContextLength && e.Capacity == model.Capacity
            && e.InputPricePerMillion == model.InputPrice && e.OutputPricePerMillion == model.OutputPrice
            && e.Currency == model.Currency && e.RateToBase == rate && before.Url == model.Url.TrimEnd('/');
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site} published models that cannot be read: {Reason}")]
    private partial void LogUnreadable(string site, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {Site} prices model {Model} in {Currency}, for which the server publishes no exchange rate; it is not routed to")]
    private partial void LogNoRate(string site, string model, string currency);
}
