using Suanwang.Core.Networks;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Studies;

/// <summary>
/// The federation study at loads where it is busy. The recorded trace keeps the federation a few
/// percent busy, so arrival times are divided by a scale, as the Pollux workloads scale theirs:
/// the base scale makes the work of the isolated sites (each tenant's jobs on its home site, run
/// times on the home site's model) fill <see cref="TargetLoad"/> of the federation's cards between
/// the first and the last arrival; the study then runs 0.5x to 2x of that load. Each load compares
/// isolated sites (FIFO, backfill) with the federation under each policy. Failures are off, so the
/// numbers are about scheduling alone.
/// </summary>
public static class SaturatedFederationStudy
{
    /// <summary>Offered load of the federation at the base load: the middle of 50-80 %.</summary>
    public const double TargetLoad = 0.65;

    /// <summary>Loads relative to the base load.</summary>
    public static IReadOnlyList<double> Loads { get; } = [0.5, 1.0, 1.5, 2.0];

    /// <summary>Policies the isolated sites run.</summary>
    public static IReadOnlyList<string> IsolatedPolicies { get; } = ["fifo", "backfill"];

    /// <summary>Policies the federation runs by default.</summary>
    public static IReadOnlyList<string> DefaultPolicies { get; } = ["fifo", "backfill", "las", "srtf", "fair-share-backfill", Simulator.ElasticPolicy];

    /// <summary>Calibrates the base load, then runs every configuration at every load; <paramref name="progress"/> gets a line per run.</summary>
    public static SaturatedFederationResult Run(
        Network network,
        Trace trace,
        IReadOnlyList<string> policies,
        IReadOnlyList<double> loads,
        int seed,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var homes = FederationStudy.HomeSites(network, trace);
        progress?.Report("calibration: each site alone on the recorded arrivals");
        var busy = Isolated(network, trace, homes, "fifo", seed, cancellationToken).Sum(r => r.Summary.Utilization * r.Summary.Sites.Sum(s => s.Cards) * r.Summary.MakespanS);
        var span = trace.Jobs.Count == 0 ? 0 : trace.Jobs.Max(j => j.ArrivalSeconds) - trace.Jobs.Min(j => j.ArrivalSeconds);

        // Offered load at scale k is busy / (cards x span / k); the base scale puts it at the target.
        var baseScale = busy > 0 && span > 0 ? TargetLoad * network.Cards * span / busy : 1;
        var rows = new List<SaturatedRow>();
        foreach (var load in loads)
        {
            var scale = baseScale * load;
            var offered = span > 0 ? busy * scale / (network.Cards * span) : 0;
            var scaled = trace with { Jobs = [.. trace.Jobs.Select(j => j with { ArrivalSeconds = j.ArrivalSeconds / scale })] };
            foreach (var policy in IsolatedPolicies)
            {
                progress?.Report($"load {load:0.0#}x: each site alone, {policy}");
                var results = Isolated(network, scaled, homes, policy, seed, cancellationToken);
                rows.Add(new SaturatedRow(load, scale, offered, FederationStudy.Combine($"each site alone, {policy}", results)));
            }

            foreach (var policy in policies)
            {
                progress?.Report($"load {load:0.0#}x: federation, {policy}");
                var result = new Simulator(network, scaled, new SimulationOptions(policy, "time", Seed: seed, Failures: false)).Run(null, cancellationToken);
                rows.Add(new SaturatedRow(load, scale, offered, FederationStudy.Combine($"federation, {policy}", [result])));
            }
        }

        return new SaturatedFederationResult(network.Name, trace.Source, trace.Jobs.Count, network.Sites.Count, network.Cards, seed, TargetLoad, busy, span, baseScale, rows);
    }

    private static List<SimulationResult> Isolated(Network network, Trace trace, List<(Core.Sites.Site Site, string Tenant)> homes, string policy, int seed, CancellationToken cancellationToken)
    {
        var results = new List<SimulationResult>();
        foreach (var (site, tenant) in homes)
        {
            var alone = network with { Sites = [site], Links = [] };
            var part = trace with { Jobs = [.. trace.Jobs.Where(j => j.Tenant == tenant)] };
            results.Add(new Simulator(alone, part, new SimulationOptions(policy, "time", Seed: seed, Failures: false)).Run(null, cancellationToken));
        }

        return results;
    }
}
