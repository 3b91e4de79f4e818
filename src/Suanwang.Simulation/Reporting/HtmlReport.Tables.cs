using System.Globalization;
using System.Text;

namespace Suanwang.Simulation.Reporting;

/// <content>The summary and site tables.</content>
public static partial class HtmlReport
{
    private static void AppendSummary(StringBuilder html, SimulationSummary s)
    {
        html.Append("<section>\n<h2>Summary</h2>\n<table class=\"figures\">\n");
        html.Append("<thead><tr><th>Figure</th><th>Value</th><th>Lower bound</th><th>Ratio to bound</th></tr></thead>\n");

        Group(html, "Jobs");
        Row(html, "Submitted", ReportFormat.Count(s.Jobs.Submitted));
        Row(html, "Completed", ReportFormat.Count(s.Jobs.Completed));
        Row(html, "Rejected (no site could run them)", ReportFormat.Count(s.Jobs.Rejected));
        Row(html, "Preemptions", ReportFormat.Count(s.Jobs.Preemptions));
        Row(html, "Requeued after a failure", ReportFormat.Count(s.Jobs.Requeued));

        Group(html, "Time");
        Bounded(html, "JCT mean", s.Jct.MeanS, s.LowerBound.JctMeanS);
        Row(html, "JCT median", ReportFormat.Duration(s.Jct.MedianS));
        Row(html, "JCT p95", ReportFormat.Duration(s.Jct.P95S));
        Row(html, "JCT p99", ReportFormat.Duration(s.Jct.P99S));
        Row(html, "Wait mean", ReportFormat.Duration(s.Wait.MeanS));
        Row(html, "Wait median", ReportFormat.Duration(s.Wait.MedianS));
        Row(html, "Wait p95", ReportFormat.Duration(s.Wait.P95S));
        Row(html, "Wait p99", ReportFormat.Duration(s.Wait.P99S));
        Bounded(html, "Makespan", s.MakespanS, s.LowerBound.MakespanS);

        Group(html, "Resources");
        Row(html, "Utilization", ReportFormat.Percent(s.Utilization));
        Row(html, "Cost", HtmlText.Encode(ReportFormat.Money(s.Cost, s.Currency)));
        Row(html, "Energy", ReportFormat.Number(s.EnergyKwh, 1) + " kWh");
        Row(html, "CO\u2082", ReportFormat.Number(s.Co2Kg, 1) + " kg");
        Row(html, "Jain fairness (1 = fair)", ReportFormat.Number(s.JainFairness, 4));
        html.Append("</table>\n</section>\n");
    }

    private static void Group(StringBuilder html, string title) =>
        html.Append("<tr class=\"group\"><th colspan=\"4\">").Append(title).Append("</th></tr>\n");

    private static void Row(StringBuilder html, string figure, string encodedValue) =>
        html.Append("<tr><td>").Append(figure).Append("</td><td>").Append(encodedValue)
            .Append("</td><td></td><td></td></tr>\n");

    private static void Bounded(StringBuilder html, string figure, double value, double bound) =>
        html.Append("<tr class=\"bounded\"><td>").Append(figure)
            .Append("</td><td>").Append(ReportFormat.Duration(value))
            .Append("</td><td>").Append(ReportFormat.Duration(bound))
            .Append("</td><td>").Append(ReportFormat.Ratio(value, bound)).Append("</td></tr>\n");

    private static void AppendSites(StringBuilder html, SimulationSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        var sites = Shown(s.Sites);
        html.Append("<section class=\"sites\">\n<h2>Sites</h2>\n");
        if (sites.Length < s.Sites.Count)
        {
            html.Append(inv, $"<p class=\"note\">The {ReportFormat.Count(sites.Length)} sites that started the most jobs, of {ReportFormat.Count(s.Sites.Count)}; summary.json lists them all.</p>\n");
        }

        html.Append("<table>\n<thead><tr><th>Site</th><th>Cards</th><th>Utilization</th><th>Jobs started</th><th>Failures</th><th>Downtime</th></tr></thead>\n<tbody>\n");
        foreach (var site in sites)
        {
            var width = double.IsFinite(site.Utilization) ? Math.Clamp(site.Utilization, 0, 1) * 100 : 0;
            html.Append("<tr><td>").Append(HtmlText.Encode(site.Id))
                .Append("</td><td>").Append(ReportFormat.Count(site.Cards))
                .Append(inv, $"</td><td><span class=\"bar\"><span style=\"width:{width:0.#}%\"></span></span>{ReportFormat.Percent(site.Utilization)}")
                .Append("</td><td>").Append(ReportFormat.Count(site.JobsStarted))
                .Append("</td><td>").Append(ReportFormat.Count(site.Failures))
                .Append("</td><td>").Append(ReportFormat.Duration(site.DowntimeS))
                .Append("</td></tr>\n");
        }

        if (sites.Length == 0)
        {
            html.Append("<tr><td colspan=\"6\" class=\"none\">no sites</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    // Every site fits below the cap; above it, the busiest ones in a stable order, so the page stays small.
    private static SiteSummary[] Shown(IReadOnlyList<SiteSummary> sites)
    {
        var all = new SiteSummary[sites.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = sites[i];
        }

        if (all.Length <= MaxSiteRows)
        {
            return all;
        }

        var busiest = all.OrderByDescending(site => site.JobsStarted).Take(MaxSiteRows).ToArray();
        return busiest;
    }
}
