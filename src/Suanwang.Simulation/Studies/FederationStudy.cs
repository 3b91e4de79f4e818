using Suanwang.Core.Errors;
using Suanwang.Core.Networks;
using Suanwang.Simulation.Reporting;
using Suanwang.Simulation.Traces;

namespace Suanwang.Simulation.Studies;

/// <summary>
/// Does federation pay? Runs (a) every site alone on its own tenant's jobs with FIFO, (b) the
/// same with EASY backfill, and (c) the whole network as one federation under each objective.
/// A site serves the tenant whose name ends its id (philly-15: <c>cn-beijing-6214e9</c> serves
/// virtual cluster 6214e9).
/// </summary>
public static class FederationStudy
{
    /// <summary>Runs every configuration; <paramref name="progress"/> gets a line per run.</summary>
    public static FederationStudyResult Run(Network network, Trace trace, int seed, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var homes = HomeSites(network, trace);
        var rows = new List<StudyRow>();
        foreach (var policy in new[] { "fifo", "backfill" })
        {
            var results = new List<SimulationResult>();
            foreach (var (site, tenant) in homes)
            {
                var alone = network with { Sites = [site], Links = [] };
                var jobs = trace.Jobs.Where(j => j.Tenant == tenant).ToList();
                var part = trace with { Jobs = jobs };
                progress?.Report($"{site.Id} alone, {policy}: {jobs.Count:N0} jobs");
                results.Add(new Simulator(alone, part, new SimulationOptions(policy, "time", Seed: seed)).Run(null, cancellationToken));
            }

            rows.Add(Combine($"each site alone, {policy}", results));
        }

        SimulationResult? federated = null;
        foreach (var (policy, objective) in new[] { ("fifo", "time"), ("backfill", "time"), ("backfill", "cost"), ("backfill", "carbon") })
        {
            progress?.Report($"federation, {policy}, {objective}: {trace.Jobs.Count:N0} jobs");
            var result = new Simulator(network, trace, new SimulationOptions(policy, objective, Seed: seed)).Run(null, cancellationToken);
            federated ??= result;
            rows.Add(Combine($"federation, {policy}, objective {objective}", [result]));
        }

        return new FederationStudyResult(
            network.Name,
            trace.Source,
            trace.Jobs.Count,
            network.Sites.Count,
            network.Cards,
            network.Currency,
            seed,
            rows,
            federated!.Summary.LowerBound.MakespanS);
    }

    internal static List<(Core.Sites.Site Site, string Tenant)> HomeSites(Network network, Trace trace)
    {
        var tenants = trace.Jobs.Select(j => j.Tenant).Distinct(StringComparer.Ordinal).ToList();
        var homes = new List<(Core.Sites.Site, string)>();
        foreach (var tenant in tenants)
        {
            var site = network.Sites.FirstOrDefault(s => s.Id.EndsWith("-" + tenant, StringComparison.Ordinal))
                ?? throw new InputException(network.Name, 0, "sites", $"no site's id ends with '-{tenant}', so tenant {tenant} of the trace has no home site");
            homes.Add((site, tenant));
        }

        return homes;
    }

    internal static StudyRow Combine(string configuration, IReadOnlyList<SimulationResult> results)
    {
        var jct = results.SelectMany(r => r.JctSeconds).Order().ToArray();
        var summaries = results.Select(r => r.Summary).ToList();
        var completed = summaries.Sum(s => s.Jobs.Completed);
        var makespan = summaries.Max(s => s.MakespanS);
        var cards = summaries.Sum(s => s.Sites.Sum(x => x.Cards));
        var busy = summaries.Sum(s => s.Utilization * s.Sites.Sum(x => x.Cards) * s.MakespanS);
        var distribution = Distribution.Of(jct);

        // Fairness across tenants: a site-alone run has one tenant, so compare tenants by their
        // slowdown against the lower bound of their own run.
        var perTenant = summaries.Count == 1
            ? [summaries[0].JainFairness]
            : summaries.Where(s => s.Jobs.Completed > 0).Select(s => s.LowerBound.JctMeanS / Math.Max(s.Jct.MeanS, 1e-9)).ToArray();
        var jain = summaries.Count == 1 ? summaries[0].JainFairness : Metrics.JainIndex.Of(perTenant);
        return new StudyRow(
            configuration,
            completed,
            summaries.Sum(s => s.Jobs.Rejected),
            distribution.MeanS,
            distribution.MedianS,
            distribution.P99S,
            completed > 0 ? summaries.Sum(s => s.Wait.MeanS * s.Jobs.Completed) / completed : 0,
            makespan,
            cards > 0 && makespan > 0 ? busy / (cards * makespan) : 0,
            summaries.Sum(s => s.Cost),
            summaries.Sum(s => s.Co2Kg),
            jain,
            completed > 0 ? summaries.Sum(s => s.LowerBound.JctMeanS * s.Jobs.Completed) / completed : 0);
    }
}
