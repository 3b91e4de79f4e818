using System.Globalization;
using System.Text;

namespace Suanwang.Simulation.Studies;

/// <summary>Writes the Pollux comparison as a Markdown page: our policies beside the published figures.</summary>
public static class PolluxStudyMarkdown
{
    private static readonly CultureInfo s_c = CultureInfo.InvariantCulture;

    /// <summary>The page; <paramref name="command"/> is the command line that reproduces it.</summary>
    public static string Render(PolluxStudyResult result, string command)
    {
        var md = StudyPage.Begin("Pollux workloads: Suanwang's policies against Tiresias, Optimus and Pollux", command);
        md.AppendLine(s_c, $"Network `{result.Network}` ({result.Cards} cards: 16 nodes of 4 T4s, the Pollux testbed). Each load level has 8 workloads of 160 jobs; no site failures. Run times come from the applications' measured models (see `PolluxTraceReader`). Under `las`, `srtf` and `elastic` every job checkpoints and each restart after a preemption or resize costs {result.RestartSeconds:0} s.");
        md.AppendLine();
        md.AppendLine("Published figures: " + PolluxPublished.Source + ". Per-workload published figures: " + PolluxPublished.WorkloadSource + ".");
        md.AppendLine();
        Summary(md, result);
        Loads(md, result);
        md.AppendLine("## Policies");
        md.AppendLine();
        md.AppendLine("- `fifo`: arrival order, nothing passes a blocked job. `backfill`: FIFO with EASY backfill.");
        md.AppendLine("- `las`: discretized two-dimensional least attained service as in Tiresias: queues by card-seconds held (thresholds 1 and 16 card-hours), FIFO within a queue, a job in an earlier queue preempts running jobs of later ones, a job that has waited 8 times as long as it has run returns to the first queue. Needs no run-time estimate.");
        md.AppendLine("- `srtf`: least remaining estimated card-time first, preempting when the waiting job needs less than the running one has left less its restart. Uses the run-time estimates, which here are exact: a bound on what estimates can buy, not a like-for-like comparison with Tiresias.");
        md.AppendLine("- `elastic`: every job is elastic (`sim --elastic`). Each job keeps its total batch size and runs between the fewest cards whose per-card batch its application measured and four times the cards it asked for (or the most its measurements cover); an iteration on k cards takes the measured step time of k replicas packed four to a node at the nearest measured per-card batch, the rule the fixed-size run times use, so at its requested size a job takes exactly its recorded run time. Progress is counted in iterations, so a resize keeps it. At every arrival and completion and every 60 s the allocator shares the 64 cards greedily by gain per card in the sum over jobs of 1 / remaining time (shortest remaining time first, with each job's speed-up), a waiting job's value growing with its wait; a running job is resized or preempted only when the gain beats twice its restart. Uses the run-time estimates, as `srtf` does. The preemptions column counts its restarts: preemptions and resizes.");
        md.AppendLine();
        md.AppendLine("JCT in hours; the lower bound of a job is its run time alone at its requested size with no wait, and under `elastic` at its fastest size (the elastic lower bound), which is what an elastic job can approach. Makespan in hours from the first arrival; utilisation is busy card-time over all cards for the makespan.");
        return md.ToString();
    }

    private static void Summary(StringBuilder md, PolluxStudyResult result)
    {
        md.AppendLine("## Mean JCT per load");
        md.AppendLine();
        var header = new StringBuilder("| load |");
        var rule = new StringBuilder("|---|");
        foreach (var policy in result.Policies)
        {
            header.Append(s_c, $" {policy} |");
            rule.Append("---:|");
        }

        foreach (var name in PolluxPublished.Policies)
        {
            header.Append(s_c, $" {name} (published) |");
            rule.Append("---:|");
        }

        header.Append(" lower bound |");
        rule.Append("---:|");
        var elastic = result.Policies.Contains(Simulator.ElasticPolicy);
        if (elastic)
        {
            header.Append(" elastic lower bound |");
            rule.Append("---:|");
        }

        md.AppendLine(header.ToString());
        md.AppendLine(rule.ToString());
        foreach (var load in result.Runs.Select(r => r.Load).Distinct())
        {
            var row = new StringBuilder(string.Create(s_c, $"| {load:0.0#} |"));
            foreach (var policy in result.Policies)
            {
                row.Append(s_c, $" {Hours(Mean(result, load, policy, r => r.JctMeanS))} |");
            }

            PolluxPublished.MeanJctHours.TryGetValue(load, out var published);
            for (var i = 0; i < PolluxPublished.Policies.Count; i++)
            {
                row.Append(published is null ? " — |" : string.Create(s_c, $" {published[i]:0.00} h |"));
            }

            var rigid = result.Policies.FirstOrDefault(p => p != Simulator.ElasticPolicy) ?? result.Policies[0];
            row.Append(s_c, $" {Hours(Mean(result, load, rigid, r => r.LowerBoundJctMeanS))} |");
            if (elastic)
            {
                row.Append(s_c, $" {Hours(Mean(result, load, Simulator.ElasticPolicy, r => r.LowerBoundJctMeanS))} |");
            }

            md.AppendLine(row.ToString());
        }

        md.AppendLine();
    }

    private static void Loads(StringBuilder md, PolluxStudyResult result)
    {
        foreach (var load in result.Runs.Select(r => r.Load).Distinct())
        {
            md.AppendLine(s_c, $"## Load {load:0.0#}: per workload");
            md.AppendLine();
            md.AppendLine("| workload | policy | JCT mean | makespan | utilisation | preemptions | JCT lower bound | published (Tiresias / Optimus / Pollux) |");
            md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---|");
            foreach (var run in result.Runs.Where(r => r.Load == load).OrderBy(r => r.Workload).ThenBy(r => Index(result, r.Policy)))
            {
                var published = load == 1.0 && Index(result, run.Policy) == 0 && PolluxPublished.WorkloadJctSeconds.TryGetValue(run.Workload, out var p)
                    ? string.Join(" / ", p.Select(Hours))
                    : "";
                md.AppendLine(s_c, $"| {run.Workload} | {run.Policy} | {Hours(run.JctMeanS)} | {Hours(run.MakespanS)} | {run.Utilization:P1} | {run.Preemptions:N0} | {Hours(run.LowerBoundJctMeanS)} | {published} |");
            }

            md.AppendLine();
            md.Append(s_c, $"Mean over the workloads:");
            foreach (var policy in result.Policies)
            {
                md.Append(s_c, $" {policy} JCT {Hours(Mean(result, load, policy, r => r.JctMeanS))}, makespan {Hours(Mean(result, load, policy, r => r.MakespanS))}, utilisation {Mean(result, load, policy, r => r.Utilization):P1};");
            }

            md.AppendLine();
            md.AppendLine();
        }
    }

    private static int Index(PolluxStudyResult result, string policy)
    {
        for (var i = 0; i < result.Policies.Count; i++)
        {
            if (result.Policies[i] == policy)
            {
                return i;
            }
        }

        return result.Policies.Count;
    }

    private static double Mean(PolluxStudyResult result, double load, string policy, Func<PolluxRun, double> value)
    {
        var runs = result.Runs.Where(r => r.Load == load && r.Policy == policy).ToList();
        return runs.Count == 0 ? double.NaN : runs.Average(value);
    }

    private static string Hours(double seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.00} h");
}
