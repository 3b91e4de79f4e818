using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Suanwang.Simulation.Reporting;

/// <summary>Writes a <see cref="SimulationSummary"/> as the indented snake_case JSON of <c>summary.json</c>.</summary>
public static class SummaryJson
{
    // Letters of every script stay readable (a network may be named in Chinese); HTML-sensitive
    // characters are still escaped, so the JSON is safe to paste into a page.
    private static readonly SummaryJsonContext s_context = new(new JsonSerializerOptions(SummaryJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    /// <summary>The summary as JSON text, figures rounded for reading; throws <see cref="ArgumentException"/> naming any non-finite figure.</summary>
    public static string Serialize(SimulationSummary summary) =>
        JsonSerializer.Serialize(Rounded(summary), s_context.SimulationSummary);

    /// <summary>Writes the summary as UTF-8 JSON followed by a newline to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, SimulationSummary summary)
    {
        JsonSerializer.Serialize(stream, Rounded(summary), s_context.SimulationSummary);
        stream.WriteByte((byte)'\n');
    }

    // The records keep exact figures; only the written copy is rounded: seconds to 0.1 s, shares
    // to 4 decimals, energy and CO2 to grams or watt-hours. Cost is money and stays exact.
    private static SimulationSummary Rounded(SimulationSummary s)
    {
        var sites = new SiteSummary[s.Sites.Count];
        for (var i = 0; i < sites.Length; i++)
        {
            var site = s.Sites[i];
            var at = $"sites[{i}].";
            sites[i] = site with
            {
                Utilization = Round(site.Utilization, 4, at + "utilization"),
                DowntimeS = Round(site.DowntimeS, 1, at + "downtime_s"),
            };
        }

        return s with
        {
            Jct = Seconds(s.Jct, "jct"),
            Wait = Seconds(s.Wait, "wait"),
            MakespanS = Round(s.MakespanS, 1, "makespan_s"),
            Utilization = Round(s.Utilization, 4, "utilization"),
            EnergyKwh = Round(s.EnergyKwh, 3, "energy_kwh"),
            Co2Kg = Round(s.Co2Kg, 3, "co2_kg"),
            JainFairness = Round(s.JainFairness, 4, "jain_fairness"),
            LowerBound = new LowerBound(
                Round(s.LowerBound.JctMeanS, 1, "lower_bound.jct_mean_s"),
                Round(s.LowerBound.MakespanS, 1, "lower_bound.makespan_s")),
            Sites = sites,
            WallSeconds = Round(s.WallSeconds, 3, "wall_seconds"),
        };
    }

    private static Distribution Seconds(Distribution d, string field) => new(
        Round(d.MeanS, 1, field + ".mean_s"),
        Round(d.MedianS, 1, field + ".median_s"),
        Round(d.P95S, 1, field + ".p95_s"),
        Round(d.P99S, 1, field + ".p99_s"));

    private static double Round(double value, int digits, string field)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"summary field '{field}' is {value}; JSON has no number for it");
        }

        return Math.Round(value, digits, MidpointRounding.AwayFromZero);
    }
}
