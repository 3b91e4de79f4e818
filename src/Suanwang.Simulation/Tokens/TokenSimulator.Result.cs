using Suanwang.Scheduling.Tokens;

namespace Suanwang.Simulation.Tokens;

/// <summary>The figures of a finished replay.</summary>
public sealed partial class TokenSimulator
{
    private TokenPolicyResult Result(double wallSeconds)
    {
        var ttft = Completed(_ttft);
        var e2e = Completed(_e2e);
        long input = 0, output = 0;
        double last = 0;
        for (var i = 0; i < _trace.Count; i++)
        {
            if (!double.IsNaN(_e2e[i]))
            {
                input += _trace.Input[i];
                output += _trace.Output[i];
                last = Math.Max(last, _trace.Arrival[i] + _e2e[i]);
            }
        }

        var perSite = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var site in _network.Sites)
        {
            perSite[site.Id] = 0;
        }

        foreach (var run in _runs)
        {
            perSite[run.Site.Site.Id] += run.Served;
        }

        return new TokenPolicyResult
        {
            Policy = RoutingPolicies.NameOf(_options.Policy),
            Requests = _trace.Count,
            Completed = ttft.Length,
            Refused = _refused,
            QueuedAtGateway = _queued,
            TtftP50S = Percentile(ttft, 0.50),
            TtftP99S = Percentile(ttft, 0.99),
            E2eP50S = Percentile(e2e, 0.50),
            E2eP99S = Percentile(e2e, 0.99),
            InputTokens = input,
            OutputTokens = output,
            CachedTokens = _cachedTokens,
            Cost = Math.Round(_cost, 2),
            Currency = _network.Currency,
            EnergyKwh = _runs.Sum(r => r.EnergyKwh),
            Co2Kg = _runs.Sum(r => r.Co2Kg),
            RequestsPerSite = perSite,
            SimulatedSeconds = last,
            Events = _eventCount,
            WallSeconds = wallSeconds,
        };
    }

    private static double[] Completed(double[] values)
    {
        var kept = Array.FindAll(values, v => !double.IsNaN(v));
        Array.Sort(kept);
        return kept;
    }

    // Nearest-rank percentile of sorted values; 0 when there are none.
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
