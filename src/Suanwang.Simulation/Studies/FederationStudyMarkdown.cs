using System.Globalization;
using System.Text;

namespace Suanwang.Simulation.Studies;

/// <summary>Writes the federation study as a Markdown page with its numbers and how to reproduce them.</summary>
public static class FederationStudyMarkdown
{
    /// <summary>The page; <paramref name="command"/> is the command line that reproduces it.</summary>
    public static string Render(FederationStudyResult result, string command)
    {
        var c = CultureInfo.InvariantCulture;
        var md = StudyPage.Begin($"Federation study: {result.Network}", command);
        md.AppendLine(c, $"Trace `{Path.GetFileName(result.Trace)}`: {result.Jobs:N0} jobs. Network: {result.Sites} sites, {result.Cards:N0} cards. Seed {result.Seed}; site failures on (each site's MTBF/MTTR).");
        md.AppendLine();
        md.AppendLine("Site capacities, models, prices and carbon are those of `examples/networks/philly-15.yaml`; how the capacities were chosen is in [philly-capacity.md](philly-capacity.md).");
        md.AppendLine();
        md.AppendLine(c, $"| configuration | completed | rejected | JCT mean | JCT median | JCT p99 | wait mean | makespan | utilization | cost ({result.Currency}) | CO2 (t) | Jain | JCT mean lower bound |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in result.Rows)
        {
            md.AppendLine(c,
                $"| {r.Configuration} | {r.Completed:N0} | {r.Rejected:N0} | {Hours(r.JctMeanS)} | {Hours(r.JctMedianS)} | {Hours(r.JctP99S)} | {Hours(r.WaitMeanS)} | {Days(r.MakespanS)} | {r.Utilization:P1} | {r.Cost:N0} | {r.Co2Kg / 1000:N1} | {r.JainFairness:0.000} | {Hours(r.LowerBoundJctMeanS)} |");
        }

        md.AppendLine();
        Findings(md, result.Rows);
        md.AppendLine();
        md.AppendLine(c, $"Lower bound on the makespan of the federation: {Days(result.LowerBoundMakespanS)} (the larger of all work over all capacity in P, and the latest arrival plus its run time alone).");
        md.AppendLine();
        md.AppendLine("Durations in hours (h) or days (d). A job's lower bound is its run time alone on the fastest model that can hold it, with no wait and no transfer: for the site-alone rows that is its home site's model, for the federation the fastest model in the network. Jain's index compares tenants by mean run time alone over JCT (1 is perfectly fair).");
        return md.ToString();
    }

    private static void Findings(StringBuilder md, IReadOnlyList<StudyRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var aloneFifo = rows.First(r => r.Configuration.EndsWith("alone, fifo", StringComparison.Ordinal));
        var aloneBackfill = rows.First(r => r.Configuration.EndsWith("alone, backfill", StringComparison.Ordinal));
        var time = rows.First(r => r.Configuration.EndsWith("backfill, objective time", StringComparison.Ordinal));
        var cost = rows.First(r => r.Configuration.EndsWith("objective cost", StringComparison.Ordinal));
        var carbon = rows.First(r => r.Configuration.EndsWith("objective carbon", StringComparison.Ordinal));
        md.AppendLine("## What the numbers say");
        md.AppendLine();
        md.AppendLine(c, $"- Backfill alone cuts the mean JCT of isolated sites from {Hours(aloneFifo.JctMeanS)} to {Hours(aloneBackfill.JctMeanS)} ({Change(aloneBackfill.JctMeanS, aloneFifo.JctMeanS)}), yet the busiest sites still queue for days (p99 JCT {Hours(aloneBackfill.JctP99S)}).");
        md.AppendLine(c, $"- Federation removes those queues: the mean JCT falls to {Hours(time.JctMeanS)} ({aloneBackfill.JctMeanS / Math.Max(time.JctMeanS, 1e-9):0}x lower than isolated sites with backfill) and cost to {time.Cost:N0} ({Change((double)time.Cost, (double)aloneBackfill.Cost)}), because idle fast cards elsewhere take the overflow and finish it in fewer card-hours.");
        md.AppendLine(c, $"- The cost objective spends {Change((double)cost.Cost, (double)time.Cost)} against the time objective for a mean JCT of {Hours(cost.JctMeanS)} ({Change(cost.JctMeanS, time.JctMeanS)}); the carbon objective emits {Change(carbon.Co2Kg, time.Co2Kg)} CO2 for a mean JCT of {Hours(carbon.JctMeanS)} ({Change(carbon.JctMeanS, time.JctMeanS)}).");
        md.AppendLine(c, $"- The federation is lightly loaded ({time.Utilization:P1} of its cards busy): the trace's load is uneven across its virtual clusters, and most of the network's capacity comes from sites sized to hold their cluster's largest job. Run times scale with dense FP16 throughput against the trace's P100s, which favours the newest models strongly; a study of a saturated federation needs a denser trace.");
    }

    private static string Change(double value, double baseline) =>
        baseline == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{(value - baseline) / baseline:+0.0%;-0.0%;0.0%}");

    private static string Hours(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.00} h");

    private static string Days(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86400:0.0} d");
}
