namespace Suanwang.Scheduling.Tokens;

/// <summary>How each policy orders the candidates.</summary>
public sealed partial class TokenRouter
{
    private RouteDecision Order(TokenRequest request, int model, List<InferenceEndpoint> candidates)
    {
        MatchPrefixes(request);
        try
        {
            // One candidate has one order (round robin still counts its turn).
            if (candidates.Count == 1 && Options.Policy != RoutingPolicy.RoundRobin)
            {
                return Decide(candidates);
            }

            switch (Options.Policy)
            {
                case RoutingPolicy.RoundRobin:
                    var start = _roundRobin[model]++ % candidates.Count;
                    if (_roundRobin[model] < 0)
                    {
                        _roundRobin[model] = 0;
                    }

                    var rotated = new List<InferenceEndpoint>(candidates.Count);
                    for (var k = 0; k < candidates.Count; k++)
                    {
                        rotated.Add(candidates[(start + k) % candidates.Count]);
                    }

                    return Decide(rotated);
                case RoutingPolicy.LeastLoad:
                    candidates.Sort(ByLoad);
                    return Decide(candidates);
                case RoutingPolicy.Price:
                    candidates.Sort((a, b) =>
                    {
                        var c = Cost(a, request).CompareTo(Cost(b, request));
                        return c != 0 ? c : ByLoad(a, b);
                    });
                    return Decide(candidates);
                case RoutingPolicy.PrefixAffinity:
                    return Affinity(candidates);
                default:
                    return Combined(request, candidates);
            }
        }
        finally
        {
            ClearMatches(request);
        }
    }

    private RouteDecision Decide(List<InferenceEndpoint> ordered) => RouteDecision.Routed(ordered, _matched[ordered[0].Index]);

    private RouteDecision Affinity(List<InferenceEndpoint> candidates)
    {
        candidates.Sort(ByLoad);
        var bound = candidates[0].Load + Options.AffinityLoadSlack;
        var best = -1;
        for (var k = 0; k < candidates.Count && candidates[k].Load <= bound; k++)
        {
            if (_matched[candidates[k].Index] > (best < 0 ? 0 : _matched[candidates[best].Index]))
            {
                best = k;
            }
        }

        if (best > 0)
        {
            var chosen = candidates[best];
            candidates.RemoveAt(best);
            candidates.Insert(0, chosen);
        }

        return Decide(candidates);
    }

    // Each term is normalised to 0..1 over the candidates, then weighted; lower is better. A cached
    // prefix counts only on endpoints within the load bound, so affinity never piles work on one.
    private RouteDecision Combined(TokenRequest request, List<InferenceEndpoint> candidates)
    {
        var n = candidates.Count;
        var latency = new double[n];
        var price = new double[n];
        var carbon = new double[n];
        var minLoad = double.PositiveInfinity;
        foreach (var e in candidates)
        {
            minLoad = Math.Min(minLoad, e.Load);
        }

        for (var k = 0; k < n; k++)
        {
            var e = candidates[k];
            var cachedShare = 0.0;
            if (e.Load <= minLoad + Options.AffinityLoadSlack && request.InputTokens > 0)
            {
                cachedShare = Math.Min(1.0, (double)_matched[e.Index] * Options.BlockTokens / request.InputTokens);
            }

            var ttft = e.TtftSeconds * (1 + e.QueueDepth) * Math.Max(0.05, 1 - cachedShare);
            latency[k] = ttft + (e.PerTokenSeconds * request.MaxOutputTokens * (1 + e.Load));
            price[k] = Cost(e, request);
            carbon[k] = e.CarbonGramsPerKwh;
        }

        Normalise(latency);
        Normalise(price);
        Normalise(carbon);
        var score = new double[n];
        var order = new int[n];
        for (var k = 0; k < n; k++)
        {
            score[k] = (Options.LatencyWeight * latency[k]) + (Options.PriceWeight * price[k]) + (Options.CarbonWeight * carbon[k]);
            order[k] = k;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = score[a].CompareTo(score[b]);
            return c != 0 ? c : ByLoad(candidates[a], candidates[b]);
        });
        var ordered = new List<InferenceEndpoint>(n);
        foreach (var k in order)
        {
            ordered.Add(candidates[k]);
        }

        return Decide(ordered);
    }

    private static void Normalise(double[] values)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        var span = max - min;
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = span > 0 ? (values[k] - min) / span : 0;
        }
    }

    private static double Cost(InferenceEndpoint e, TokenRequest request) =>
        (double)(((request.InputTokens * e.InputPricePerMillion) + (request.MaxOutputTokens * e.OutputPricePerMillion)) * e.RateToBase / 1_000_000m);

    private static int ByLoad(InferenceEndpoint a, InferenceEndpoint b)
    {
        var c = a.Load.CompareTo(b.Load);
        if (c == 0)
        {
            c = a.QueueDepth.CompareTo(b.QueueDepth);
        }

        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }

    // Block hashes are chained, so an endpoint that served block i also served blocks 0..i of
    // this prompt: its match is the last position it owns.
    private void MatchPrefixes(TokenRequest request)
    {
        var blocks = request.PrefixBlocks.Span;
        for (var i = 0; i < blocks.Length; i++)
        {
            var owner = _affinity.OwnerOf(blocks[i]);
            if (owner >= 0)
            {
                _matched[owner] = i + 1;
            }
        }
    }

    private void ClearMatches(TokenRequest request)
    {
        foreach (var hash in request.PrefixBlocks.Span)
        {
            var owner = _affinity.OwnerOf(hash);
            if (owner >= 0)
            {
                _matched[owner] = 0;
            }
        }
    }
}
