using Suanwang.Core.Networks;
using Suanwang.Scheduling.Tokens;

namespace Suanwang.Simulation.Tokens;

/// <summary>Replays one trace under each of several routing policies and gathers the results.</summary>
public static class TokenStudy
{
    /// <summary>The policies compared when none are named.</summary>
    public static IReadOnlyList<RoutingPolicy> DefaultPolicies { get; } =
        [RoutingPolicy.RoundRobin, RoutingPolicy.LeastLoad, RoutingPolicy.Price, RoutingPolicy.PrefixAffinity, RoutingPolicy.Combined];

    /// <summary>Runs <paramref name="trace"/> over <paramref name="network"/> once per policy; progress runs 0..1 over all of them.</summary>
    public static TokenComparison Run(
        Network network,
        TokenTrace trace,
        IReadOnlyList<RoutingPolicy> policies,
        TokenSimulationOptions options,
        IProgress<double>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var results = new List<TokenPolicyResult>();
        IReadOnlyList<InferenceSite>? sites = null;
        for (var k = 0; k < policies.Count; k++)
        {
            var simulator = new TokenSimulator(network, trace, options with { Policy = policies[k] });
            sites ??= simulator.Sites;
            var done = k;
            IProgress<double>? part = progress is null ? null : new Synchronous(p => progress.Report((done + p) / policies.Count));
            results.Add(simulator.Run(part, cancellationToken));
        }

        return new TokenComparison(
            network.Name,
            trace.Source,
            options.Model.Id,
            trace.Count,
            trace.Count > 0 ? trace.Arrival[^1] : 0,
            options.RestrictedShare,
            options.RestrictedTo ?? [],
            options.Seed,
            [.. (sites ?? []).Select(TokenEndpointSummary.Of)],
            results);
    }

    // Progress<T> posts to the thread pool; the study reports in line so the order holds.
    private sealed class Synchronous(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
