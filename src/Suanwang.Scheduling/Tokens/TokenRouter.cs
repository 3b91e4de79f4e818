using Suanwang.Core.Sites;
using Suanwang.Scheduling.Requests;

namespace Suanwang.Scheduling.Tokens;

/// <summary>
/// Routes inference requests to model endpoints. Candidates are the endpoints that serve the model,
/// are allowed by the request's jurisdictions, are up (healthy, breaker not open), fit the request's
/// context and are under capacity; the policy orders them. Residency fails closed: an endpoint
/// outside the allowed set is never in a decision, whatever the state of the others. Pure: no I/O,
/// time is passed in. Not thread-safe; a gateway serialises calls or keeps one router per shard.
/// </summary>
public sealed partial class TokenRouter
{
    private readonly InferenceEndpoint[] _endpoints;
    private readonly int[] _country;
    private readonly Dictionary<string, int> _modelIndex = new(StringComparer.Ordinal);
    private readonly List<int[]> _serving = [];
    private readonly int[] _roundRobin;
    private readonly int[] _matched;
    private readonly PrefixAffinityMap _affinity;

    /// <summary>Creates a router over <paramref name="endpoints"/>; throws for a duplicate id, an unknown country or a capacity below 1.</summary>
    public TokenRouter(IReadOnlyList<InferenceEndpoint> endpoints, RouterOptions? options = null)
        : this(endpoints, options, null)
    {
    }

    /// <summary>
    /// Creates a router over <paramref name="endpoints"/> that goes on from <paramref name="previous"/>:
    /// the prompt prefixes it remembers stay with their endpoints (by id) where those are still listed.
    /// </summary>
    public TokenRouter(IReadOnlyList<InferenceEndpoint> endpoints, RouterOptions? options, TokenRouter? previous)
    {
        Options = options ?? new RouterOptions();
        _endpoints = [.. endpoints];
        _country = new int[_endpoints.Length];
        _matched = new int[_endpoints.Length];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var serving = new List<List<int>>();
        for (var i = 0; i < _endpoints.Length; i++)
        {
            var e = _endpoints[i];
            if (!ids.Add(e.Id))
            {
                throw new ArgumentException($"endpoint '{e.Id}' is listed twice", nameof(endpoints));
            }

            _country[i] = CountryCodes.IndexOf(e.Country);
            if (_country[i] < 0)
            {
                throw new ArgumentException($"endpoint '{e.Id}': '{e.Country}' is not an ISO 3166-1 alpha-2 country code", nameof(endpoints));
            }

            if (e.Capacity < 1)
            {
                throw new ArgumentException($"endpoint '{e.Id}': capacity must be at least 1", nameof(endpoints));
            }

            e.Index = i;
            if (!_modelIndex.TryGetValue(e.ModelId, out var m))
            {
                m = serving.Count;
                _modelIndex[e.ModelId] = m;
                serving.Add([]);
            }

            serving[m].Add(i);
        }

        foreach (var list in serving)
        {
            _serving.Add([.. list]);
        }

        _roundRobin = new int[serving.Count];
        _affinity = new PrefixAffinityMap(Options.AffinityEntries);
        if (previous is not null)
        {
            var byId = new Dictionary<string, int>(_endpoints.Length, StringComparer.Ordinal);
            foreach (var e in _endpoints)
            {
                byId[e.Id] = e.Index;
            }

            var before = previous._endpoints;
            _affinity.CopyFrom(previous._affinity, i => byId.GetValueOrDefault(before[i].Id, -1));
        }
    }

    /// <summary>The router's settings.</summary>
    public RouterOptions Options { get; }

    /// <summary>The endpoints, in the order given; <see cref="InferenceEndpoint.Index"/> is the position.</summary>
    public IReadOnlyList<InferenceEndpoint> Endpoints => _endpoints;

    /// <summary>Prefix block hashes remembered now.</summary>
    public int AffinityEntries => _affinity.Count;

    /// <summary>Decides where <paramref name="request"/> goes at <paramref name="now"/>: the ordered endpoints, or a refusal with its reason.</summary>
    public RouteDecision Route(TokenRequest request, DateTimeOffset now)
    {
        if (!_modelIndex.TryGetValue(request.Model, out var model))
        {
            return RouteDecision.Refused(RouteOutcome.UnknownModel, $"no endpoint serves model '{request.Model}'");
        }

        var allowed = AllowedSet(request.AllowedCountries);
        var candidates = new List<InferenceEndpoint>();
        int inJurisdiction = 0, up = 0, fits = 0, longestContext = 0;
        foreach (var i in _serving[model])
        {
            if (!allowed.Contains(_country[i]))
            {
                continue;
            }

            inJurisdiction++;
            var e = _endpoints[i];
            if (!e.Healthy || !e.Breaker.CanSend(now))
            {
                continue;
            }

            up++;
            longestContext = Math.Max(longestContext, e.ContextLength);
            if ((long)request.InputTokens + request.MaxOutputTokens > e.ContextLength)
            {
                continue;
            }

            fits++;
            if (e.InFlight < e.Capacity)
            {
                candidates.Add(e);
            }
        }

        if (candidates.Count > 0)
        {
            return Order(request, model, candidates);
        }

        var where = request.AllowedCountries is null ? "" : $" in {string.Join(", ", request.AllowedCountries)}";
        if (inJurisdiction == 0)
        {
            return RouteDecision.Refused(RouteOutcome.Residency,
                $"model '{request.Model}' is served only outside the allowed jurisdictions ({string.Join(", ", request.AllowedCountries ?? [])}); the request is not sent there");
        }

        if (up == 0)
        {
            var closed = request.AllowedCountries is null ? "" : $"; the request is not sent outside {string.Join(", ", request.AllowedCountries)}";
            return RouteDecision.Refused(RouteOutcome.AllDown,
                $"every endpoint of model '{request.Model}'{where} is down ({inJurisdiction} of {inJurisdiction}){closed}");
        }

        if (fits == 0)
        {
            return RouteDecision.Refused(RouteOutcome.ContextTooLong,
                $"the request needs {(long)request.InputTokens + request.MaxOutputTokens} tokens (prompt and output cap); model '{request.Model}' takes at most {longestContext}{where}");
        }

        return RouteDecision.Refused(RouteOutcome.AllBusy, $"every endpoint of model '{request.Model}'{where} is at capacity ({fits})");
    }

    /// <summary>Notes that <paramref name="request"/> was sent to <paramref name="endpoint"/> at <paramref name="now"/>; its prefix blocks now point there.</summary>
    public void Dispatched(InferenceEndpoint endpoint, TokenRequest request, DateTimeOffset now)
    {
        endpoint.InFlight++;
        endpoint.Breaker.OnSend(now);
        foreach (var hash in request.PrefixBlocks.Span)
        {
            _affinity.Record(hash, endpoint.Index);
        }
    }

    /// <summary>Notes a request that ended well, with its measured time to first token and per output token.</summary>
    public void Completed(InferenceEndpoint endpoint, double ttftSeconds, double perTokenSeconds)
    {
        endpoint.InFlight = Math.Max(0, endpoint.InFlight - 1);
        endpoint.Breaker.OnSuccess();
        endpoint.Observe(ttftSeconds, perTokenSeconds);
    }

    /// <summary>Notes a request that failed at the endpoint (connect error, 5xx, timeout before the first byte).</summary>
    public void Failed(InferenceEndpoint endpoint, DateTimeOffset now)
    {
        endpoint.InFlight = Math.Max(0, endpoint.InFlight - 1);
        endpoint.Breaker.OnFailure(now);
    }

    private static CountrySet AllowedSet(IReadOnlyList<string>? countries)
    {
        if (countries is null)
        {
            return CountrySet.All;
        }

        var set = CountrySet.None;
        foreach (var code in countries)
        {
            var i = CountryCodes.IndexOf(code);
            if (i >= 0)
            {
                set = set.With(i);
            }
        }

        return set;
    }
}
