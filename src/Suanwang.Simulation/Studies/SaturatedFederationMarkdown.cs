using System.Globalization;

namespace Suanwang.Simulation.Studies;

/// <summary>Writes the saturated federation study as a Markdown page.</summary>
public static class SaturatedFederationMarkdown
{
    /// <summary>The page; <paramref name="command"/> is the command line that reproduces it.</summary>
    public static string Render(SaturatedFederationResult result, string command)
    {
        var c = CultureInfo.InvariantCulture;
        var md = StudyPage.Begin($"Saturated federation study: {result.Network}", command);
        md.AppendLine(c, $"Trace `{Path.GetFileName(result.Trace)}`: {result.Jobs:N0} jobs. Network: {result.Sites} sites, {result.Cards:N0} cards. Seed {result.Seed}; site failures off, so the numbers are about scheduling alone.");
        md.AppendLine();
        md.AppendLine("## How the load was chosen");
        md.AppendLine();
        md.AppendLine(c, $"Replayed as recorded, the trace keeps the federation a few percent busy ([philly-federation.md](philly-federation.md)). As the Pollux workloads do, arrival times are divided by a scale and run times are kept. The base load is set by a calibration run: every site alone runs its own tenant's jobs (run times on its home model) on the recorded arrivals, which takes {result.BusyCardSeconds / 3600:N0} card-hours of work. Spread over the federation's {result.Cards:N0} cards between the first and the last arrival ({result.SpanSeconds / 86400:0.0} d), that work fills {result.BusyCardSeconds / (result.Cards * result.SpanSeconds):P1} of them. Dividing arrival times by {result.BaseScale:0.00} makes it {result.TargetLoad:P0}, the middle of 50-80 %: this is load 1x. The study runs {string.Join(", ", result.Rows.Select(r => r.Load).Distinct().Select(l => l.ToString("0.0#", c) + "x"))} of it. The offered load is the same for the isolated sites and the federation; what differs is whether a job may leave its home site. The federation's run times on faster models are shorter, so it is less busy than the offered load says.");
        md.AppendLine();
        md.AppendLine("## Mean JCT by load");
        md.AppendLine();
        var configurations = result.Rows.Select(r => r.Row.Configuration).Distinct().ToList();
        md.AppendLine("| load | arrivals / | offered load | " + string.Join(" | ", configurations) + " | federation lower bound |");
        md.AppendLine("|---|---:|---:|" + string.Concat(configurations.Select(_ => "---:|")) + "---:|");
        foreach (var group in result.Rows.GroupBy(r => r.Load))
        {
            var first = group.First();
            var bound = group.Where(r => r.Row.Configuration.StartsWith("federation", StringComparison.Ordinal)).Select(r => r.Row.LowerBoundJctMeanS).DefaultIfEmpty(0).First();
            var means = string.Join(" | ", configurations.Select(n => Hours(group.First(r => r.Row.Configuration == n).Row.JctMeanS)));
            md.AppendLine(c, $"| {first.Load:0.0#}x | {first.ArrivalScale:0.00} | {first.OfferedLoad:P0} | {means} | {Hours(bound)} |");
        }

        md.AppendLine();
        Findings(md, result);
        foreach (var group in result.Rows.GroupBy(r => r.Load))
        {
            md.AppendLine();
            md.AppendLine(c, $"## Load {group.Key:0.0#}x (arrivals divided by {group.First().ArrivalScale:0.00})");
            md.AppendLine();
            md.AppendLine("| configuration | completed | rejected | JCT mean | JCT median | JCT p99 | wait mean | makespan | utilization | Jain | JCT mean lower bound | mean over bound |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var s in group)
            {
                var r = s.Row;
                md.AppendLine(c, $"| {r.Configuration} | {r.Completed:N0} | {r.Rejected:N0} | {Hours(r.JctMeanS)} | {Hours(r.JctMedianS)} | {Hours(r.JctP99S)} | {Hours(r.WaitMeanS)} | {r.MakespanS / 86400:0.0} d | {r.Utilization:P1} | {r.JainFairness:0.000} | {Hours(r.LowerBoundJctMeanS)} | {Ratio(r)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("A job's lower bound is its run time alone on the fastest model that can hold it, with no wait: for the isolated rows its home site's model, for the federation the fastest model in the network. Utilization is busy card-seconds over all cards x makespan. Jain's index compares tenants (1 is perfectly fair). `las`, `srtf` and `elastic` treat every job as preemptible and charge each resume 30 s; `fair-share-backfill` orders tenants by their share of the cards in use, with EASY backfill.");
        return md.ToString();
    }

    private static void Findings(System.Text.StringBuilder md, SaturatedFederationResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var middle = result.Rows.Where(r => r.Load == 1.0).ToList();
        if (middle.Count == 0)
        {
            return;
        }

        var federated = middle.Where(r => r.Row.Configuration.StartsWith("federation", StringComparison.Ordinal)).ToList();
        var isolated = middle.Where(r => r.Row.Configuration.StartsWith("each site", StringComparison.Ordinal)).ToList();
        if (federated.Count == 0 || isolated.Count == 0)
        {
            return;
        }

        var best = federated.MinBy(r => r.Row.JctMeanS)!.Row;
        var worst = federated.MaxBy(r => r.Row.JctMeanS)!.Row;
        var bestAlone = isolated.MinBy(r => r.Row.JctMeanS)!.Row;
        md.AppendLine("## What the numbers say");
        md.AppendLine();
        md.AppendLine(c, $"- At load 1x the best federated policy is {Name(best)}: mean JCT {Hours(best.JctMeanS)}, {Ratio(best)} its lower bound of {Hours(best.LowerBoundJctMeanS)} (target: within 1.5x), against {Hours(bestAlone.JctMeanS)} for the best isolated sites ({Name(bestAlone)}), {bestAlone.JctMeanS / Math.Max(best.JctMeanS, 1e-9):0.0}x more.");
        md.AppendLine(c, $"- The federation's policies span {Hours(best.JctMeanS)} ({Name(best)}) to {Hours(worst.JctMeanS)} ({Name(worst)}) at load 1x. Under {Name(worst)} the mean wait is {Hours(worst.WaitMeanS)}, so its distance to the lower bound is run time, not queueing: a queue policy places each job once, where the engine scores it best when it starts, and never moves it; the fastest models are on small sites, so most jobs run on slower ones, which the bound does not assume (the time objective also gives price, carbon and model preference small weights).");
        if (federated.Any(r => Name(r.Row) == Simulator.ElasticPolicy))
        {
            md.AppendLine("- `elastic` fixes that placement rather than the queue: the allocator weighs each job's speed on each pool (heterogeneity-aware, as Gavel and Sia are), gives the fastest cards to the jobs that gain most per card over their remaining time, and moves a running job to a faster pool (a checkpoint-restart charged 30 s) when the time saved beats twice the restart. The Philly jobs have no scaling profile, so each keeps its size; head-of-line blocking plays no part at this load (waits are near zero) and neither does the data law (the replay restricts no job to a country).");
        }

        md.AppendLine(c, $"- The isolated sites are {isolated.Max(r => r.Row.Utilization):P0} busy at load 1x, but the federation only {best.Utilization:P0} under {Name(best)}: the jobs that queue for days on their home site's slow cards move to the network's fastest cards, where the same work takes far fewer card-hours. A federation that is itself 50-80 % busy needs several times more load than the isolated sites can bear.");
        var top = result.Rows.Where(r => r.Load == result.Rows.Max(x => x.Load) && r.Row.Configuration.StartsWith("federation", StringComparison.Ordinal)).ToList();
        if (top.Count > 0)
        {
            var b = top.MinBy(r => r.Row.JctMeanS)!;
            md.AppendLine(c, $"- At {b.Load:0.0#}x ({b.OfferedLoad:P0} offered) the best federated policy is {Name(b.Row)}, mean JCT {Hours(b.Row.JctMeanS)}, {Ratio(b.Row)} its lower bound.");
        }
    }

    private static string Name(StudyRow row) => row.Configuration[(row.Configuration.IndexOf(',', StringComparison.Ordinal) + 2)..];

    private static string Ratio(StudyRow row) =>
        row.LowerBoundJctMeanS > 0 ? string.Create(CultureInfo.InvariantCulture, $"{row.JctMeanS / row.LowerBoundJctMeanS:0.00}x") : "n/a";

    private static string Hours(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.00} h");
}
